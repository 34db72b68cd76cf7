package io.qualitywatch.ingestion.codes;

/**
 * A GB/T 4754-2017 division (大类).
 *
 * @param code section letter + two digits, e.g. {@code C14}
 * @param section the section letter, e.g. {@code C}
 */
public record IndustryDivision(String code, String section, String name) {}

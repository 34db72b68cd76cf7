package io.qualitywatch.ingestion.codes;

/**
 * A product category of the supervision-sampling catalogue.
 *
 * @param code stable code, e.g. {@code FOOD-CONDIMENT}
 * @param group catalogue group, e.g. {@code food}, {@code children}, {@code electrical}
 * @param industryCode the GB/T 4754 division that typically produces it
 */
public record ProductCategory(
    String code, String name, String nameEn, String group, String industryCode) {}

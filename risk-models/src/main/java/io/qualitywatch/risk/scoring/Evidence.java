package io.qualitywatch.risk.scoring;

/**
 * One scored fact about one enterprise, flattened from an event so that Flink and Spark handle a
 * plain record of strings and numbers instead of the polymorphic event contract.
 *
 * @param eventTimeMillis event time in epoch milliseconds
 * @param magnitude how many units of this kind the event carries (usually 1; findings count etc.)
 */
public record Evidence(
    String eventId,
    String creditCode,
    long eventTimeMillis,
    EvidenceKind kind,
    double magnitude,
    String regionCode,
    String industryCode,
    String productCategory,
    String enterpriseName) {}

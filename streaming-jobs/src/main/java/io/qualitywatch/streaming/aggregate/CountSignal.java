package io.qualitywatch.streaming.aggregate;

import io.qualitywatch.risk.warning.WarningType;

/**
 * One event counted towards a count-based warning subject: an enterprise's complaints, a
 * region-and-industry's complaints, a product category's samplings and failures, a city's
 * certificate abuses.
 *
 * @param key {@code <type>|<subjectKey>}: what the counting state is keyed by
 * @param regionLevel COUNTY, CITY or PROVINCE for regional subjects, else null
 * @param day event day (epoch day, UTC+8 — the regulators' calendar day)
 * @param failed for samplings: whether this one failed
 * @param distinct what to count distinct values of (a failing province, an abusing enterprise)
 * @param source the enterprise the event is about, for the per-enterprise daily cap
 */
public record CountSignal(
    String key,
    WarningType type,
    String subjectKey,
    String creditCode,
    String enterpriseName,
    String regionCode,
    String regionLevel,
    String industryCode,
    String productCategory,
    long day,
    long atMillis,
    String eventId,
    boolean failed,
    String distinct,
    String source) {}

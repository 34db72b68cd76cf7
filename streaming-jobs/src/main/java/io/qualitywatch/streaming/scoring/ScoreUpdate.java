package io.qualitywatch.streaming.scoring;

import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.risk.index.ScoreDocument;
import io.qualitywatch.risk.scoring.RiskBand;

/**
 * A new score for one enterprise as it travels between operators: the fields later operators decide
 * on, plus the indexed document already rendered as JSON. Flat strings and numbers keep it on
 * Flink's POJO serializer (a list of reasons would fall back to Kryo).
 */
public record ScoreUpdate(
    String creditCode,
    String enterpriseName,
    String historyId,
    String regionCode,
    String industryCode,
    double score,
    RiskBand band,
    long asOfMillis,
    String eventId,
    String reasonLabels,
    String documentJson) {

  /** This update without its rendered document: what the warning operator needs. */
  public ScoreUpdate withoutDocument() {
    return new ScoreUpdate(
        creditCode,
        enterpriseName,
        historyId,
        regionCode,
        industryCode,
        score,
        band,
        asOfMillis,
        eventId,
        reasonLabels,
        null);
  }

  public static ScoreUpdate of(ScoreDocument doc) {
    return new ScoreUpdate(
        doc.creditCode(),
        doc.enterpriseName(),
        doc.historyId(),
        doc.regionCode(),
        doc.industryCode(),
        doc.score(),
        RiskBand.valueOf(doc.band()),
        doc.asOf().toEpochMilli(),
        doc.lastEventId(),
        doc.reasons().stream()
            .map(io.qualitywatch.risk.scoring.Reason::label)
            .collect(java.util.stream.Collectors.joining("|")),
        EventCodec.encodeToString(doc));
  }
}

package io.qualitywatch.streaming.warning;

import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.risk.warning.WarningAction;
import io.qualitywatch.risk.warning.WarningLifecycle;

/** A warning change between operators: what happened, and the warning document as JSON. */
public record WarningUpdate(
    String warningId, WarningAction action, String level, long updatedAtMillis, String json) {

  public static WarningUpdate of(WarningLifecycle.Change c) {
    return new WarningUpdate(
        c.document().warningId(),
        c.action(),
        c.document().level(),
        c.document().updatedAt().toEpochMilli(),
        EventCodec.encodeToString(c.document()));
  }
}

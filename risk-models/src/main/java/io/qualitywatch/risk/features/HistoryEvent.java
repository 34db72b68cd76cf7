package io.qualitywatch.risk.features;

/**
 * One dated fact about one entity: the input of the point-in-time features. Deliberately tiny so
 * that the generator's events, a jurisdiction's CSV export and the stream all reduce to it.
 *
 * @param entityId credit code, licence number: whatever identifies the establishment
 * @param timeMillis when it happened (epoch milliseconds)
 */
public record HistoryEvent(String entityId, long timeMillis, HistoryKind kind) {
  public HistoryEvent {
    if (entityId == null || entityId.isEmpty()) {
      throw new IllegalArgumentException("entityId is required");
    }
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
  }
}

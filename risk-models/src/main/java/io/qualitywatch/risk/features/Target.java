package io.qualitywatch.risk.features;

import java.util.Map;

/**
 * An inspection or sampling to predict: who, when, what kind, and (for training and evaluation)
 * whether it failed. Only what is known before the inspection may be put here: its type, whether it
 * is a re-inspection, and attributes of the establishment; never anything about its result.
 *
 * @param label 1 = failed / problems found, 0 = passed; -1 when unknown (scoring only)
 * @param attributes categorical inputs known beforehand (inspection type, role, facility type...)
 * @param recheck whether this is a planned re-inspection (复查) of an earlier failure
 */
public record Target(
    String id,
    String entityId,
    long timeMillis,
    int label,
    Map<String, String> attributes,
    boolean recheck) {
  public Target {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}

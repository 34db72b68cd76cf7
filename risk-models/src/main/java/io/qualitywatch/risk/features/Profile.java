package io.qualitywatch.risk.features;

import java.util.Map;

/**
 * Static attributes of an entity from the register: categorical ones (industry, province, size
 * class) and its founding day for the age feature.
 *
 * @param establishedEpochDay days since 1970-01-01, or null when unknown
 */
public record Profile(String entityId, Map<String, String> attributes, Long establishedEpochDay) {
  public Profile {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}

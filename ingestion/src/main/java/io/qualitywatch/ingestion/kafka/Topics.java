package io.qualitywatch.ingestion.kafka;

import io.qualitywatch.ingestion.contract.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * Topic names, in one place: {@code <prefix>.events.<type>.v<N>} keyed by credit code, plus the
 * dead-letter, unresolved, rules, scores and warnings topics.
 */
public record Topics(String prefix) {
  public String events(EventType type) {
    return prefix + ".events." + type.wireName() + ".v" + EventType.SCHEMA_VERSION;
  }

  public List<String> allEvents() {
    List<String> out = new ArrayList<>();
    for (EventType t : EventType.values()) {
      out.add(events(t));
    }
    return out;
  }

  /** Records that failed validation, with the reason and source location. */
  public String deadLetter() {
    return prefix + ".dlq";
  }

  /** Valid records naming an enterprise the registry could not match; kept for review. */
  public String unresolved() {
    return prefix + ".unresolved";
  }

  public String rules() {
    return prefix + ".rules";
  }

  public String scores() {
    return prefix + ".scores";
  }

  public String warnings() {
    return prefix + ".warnings";
  }

  /** Every topic the platform owns. */
  public List<String> all() {
    List<String> out = allEvents();
    out.addAll(List.of(deadLetter(), unresolved(), rules(), scores(), warnings()));
    return out;
  }
}

package io.qualitywatch.risk.features;

import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.reference.Enterprise;
import io.qualitywatch.ingestion.validation.RejectedRecordException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform's events reduced to history, targets and profiles, deduplicated by event id
 * (redelivered events would otherwise count twice and appear as two identical targets).
 */
public record QwDataset(
    List<HistoryEvent> events, List<Target> targets, Map<String, Profile> profiles) {

  public static QwDataset fromGenerator(DataGenerator g) {
    Map<String, Profile> profiles = profiles(g.reference().enterprises());
    return from(g.iterator(), profiles);
  }

  /** Reads {@code enterprises.jsonl} and {@code events.jsonl} as written by the generator. */
  public static QwDataset fromDirectory(Path dir) throws IOException {
    List<Enterprise> ents = new ArrayList<>();
    var mapper = EventCodec.mapper();
    try (BufferedReader r =
        Files.newBufferedReader(dir.resolve("enterprises.jsonl"), StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          ents.add(mapper.readValue(line, Enterprise.class));
        }
      }
    }
    List<EventEnvelope> evs = new ArrayList<>();
    try (BufferedReader r =
        Files.newBufferedReader(dir.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          try {
            evs.add(EventCodec.decode(line.getBytes(StandardCharsets.UTF_8)));
          } catch (RejectedRecordException e) {
            throw new IOException("events.jsonl: " + e.getMessage(), e);
          }
        }
      }
    }
    return from(evs.iterator(), profiles(ents));
  }

  static Map<String, Profile> profiles(List<Enterprise> ents) {
    Map<String, Profile> m = new HashMap<>();
    for (Enterprise e : ents) {
      m.put(e.creditCode(), QwEvents.profile(e));
    }
    return m;
  }

  public static QwDataset from(Iterator<EventEnvelope> it, Map<String, Profile> profiles) {
    List<HistoryEvent> events = new ArrayList<>();
    List<Target> targets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (it.hasNext()) {
      EventEnvelope e = it.next();
      if (!seen.add(e.eventId())) {
        continue;
      }
      QwEvents.history(e).ifPresent(events::add);
      QwEvents.target(e).ifPresent(targets::add);
    }
    return new QwDataset(events, targets, profiles);
  }
}

package io.qualitywatch.risk.serving;

import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.reference.Enterprise;
import io.qualitywatch.risk.features.EntityHistory;
import io.qualitywatch.risk.features.FeatureBuilder;
import io.qualitywatch.risk.features.FeatureRow;
import io.qualitywatch.risk.features.FeatureSpec;
import io.qualitywatch.risk.features.HistoryEvent;
import io.qualitywatch.risk.features.HistoryKind;
import io.qualitywatch.risk.features.Profile;
import io.qualitywatch.risk.features.QwDataset;
import io.qualitywatch.risk.features.QwEvents;
import io.qualitywatch.risk.features.Target;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.risk.scoring.EvidenceMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The features a job can compute for an enterprise from its evidence alone, and the question they
 * answer: "will the enterprise's next inspection, on the first day not yet begun at the as-of time,
 * fail?". Stream, batch and training all use this class, so a model trained here scores the same in
 * both jobs.
 *
 * <p>Narrower than the benchmark's features on purpose: the jobs see {@link Evidence}, which has no
 * certificate issue/expiry events, no founding date and no planned inspection type or role, so
 * those inputs are constant here (certificates held 0, age 0, no inspection attributes) in training
 * and in scoring alike. Categorical inputs: the industry and the province of the enterprise's
 * latest evidence.
 */
public final class EnterpriseFeatures {
  public static final List<String> CATEGORICAL = List.of("industry", "province");

  private static final long DAY = 86_400_000L;
  private static final Map<EvidenceKind, HistoryKind> KINDS = kinds();

  private EnterpriseFeatures() {}

  public static FeatureBuilder builder() {
    return new FeatureBuilder(CATEGORICAL, QwEvents.ZONE, null);
  }

  public static FeatureSpec spec() {
    return builder().spec();
  }

  /** The history kind of a piece of evidence, or null for institution evidence. */
  public static HistoryKind kind(EvidenceKind k) {
    return KINDS.get(k);
  }

  /** The first instant of the first day (China Standard Time) not yet begun at {@code asOf}. */
  public static long nextDayStart(long asOfMillis) {
    long start =
        Instant.ofEpochMilli(asOfMillis)
            .atZone(QwEvents.ZONE)
            .toLocalDate()
            .atStartOfDay(QwEvents.ZONE)
            .toInstant()
            .toEpochMilli();
    return start == asOfMillis ? start : start + DAY;
  }

  public static Profile profile(String creditCode, String industryCode, String regionCode) {
    String region = regionCode == null ? "" : regionCode;
    return new Profile(
        creditCode,
        Map.of(
            "industry",
            industryCode == null ? "" : industryCode,
            "province",
            region.length() >= 2 ? region.substring(0, 2) : ""),
        null);
  }

  /**
   * The stream's step: adds one piece of evidence to the history kept in keyed state and folds what
   * no later feature can need. Scores are as of the latest evidence time ({@code asOfMillis}, never
   * decreasing per key), so every later cutoff is at least {@link #nextDayStart} of it and events
   * older than a year before that only count in totals and "days since".
   */
  public static void observe(EntityHistory h, Evidence e, long asOfMillis) {
    HistoryKind k = kind(e.kind());
    if (k != null) {
      h.add(k, e.eventTimeMillis());
    }
    h.compact(nextDayStart(asOfMillis) - EntityHistory.WINDOW_DAYS * DAY);
  }

  /** Features of the enterprise's next inspection as of {@code asOfMillis}. */
  public static FeatureRow row(
      FeatureBuilder builder,
      String creditCode,
      EntityHistory history,
      String industryCode,
      String regionCode,
      long asOfMillis) {
    Target next =
        new Target("next:" + creditCode, creditCode, nextDayStart(asOfMillis), -1, null, false);
    return builder.row(next, history, profile(creditCode, industryCode, regionCode), Double.NaN);
  }

  /**
   * Training data from the platform's events: evidence as history; sampling results and on-site
   * inspections as targets, without the inspection attributes the jobs cannot know.
   */
  public static QwDataset dataset(Iterator<EventEnvelope> events, List<Enterprise> register) {
    Map<String, Profile> profiles = new HashMap<>();
    for (Enterprise e : register) {
      profiles.put(e.creditCode(), profile(e.creditCode(), e.industryCode(), e.regionCode()));
    }
    List<HistoryEvent> history = new ArrayList<>();
    List<Target> targets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (events.hasNext()) {
      EventEnvelope e = events.next();
      if (!seen.add(e.eventId())) {
        continue;
      }
      EvidenceMapper.map(e)
          .ifPresent(
              ev -> {
                HistoryKind k = kind(ev.kind());
                if (k != null && ev.creditCode() != null) {
                  history.add(new HistoryEvent(ev.creditCode(), ev.eventTimeMillis(), k));
                }
              });
      QwEvents.target(e)
          .ifPresent(
              t ->
                  targets.add(
                      new Target(t.id(), t.entityId(), t.timeMillis(), t.label(), null, false)));
    }
    return new QwDataset(history, targets, profiles);
  }

  private static Map<EvidenceKind, HistoryKind> kinds() {
    Map<EvidenceKind, HistoryKind> m = new EnumMap<>(EvidenceKind.class);
    for (HistoryKind h : HistoryKind.values()) {
      if (h.evidence() != null) {
        m.put(h.evidence(), h);
      }
    }
    return m;
  }
}

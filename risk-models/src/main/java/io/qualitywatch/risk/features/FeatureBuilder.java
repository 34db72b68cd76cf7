package io.qualitywatch.risk.features;

import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoreState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Point-in-time features for inspections to predict. A target at time t sees only events before the
 * start of t's day (in {@link #zone()}): the producer and seller events of one sampled batch share
 * a day, and so do a failure and the complaint filed about it, so "before t" at millisecond
 * precision would leak the outcome through its twin.
 *
 * <p>The rules-only score of {@link RiskScorer} is computed from the same events with the same
 * cutoff, so model and rules are compared on equal information.
 */
public final class FeatureBuilder {
  public static final String VERSION = "qw-features/1";

  /** The numeric features, in the order {@link EntityHistory#numeric} returns them. */
  public static final List<String> NUMERIC =
      List.of(
          "samplings_prior",
          "fails_safety_prior",
          "fails_major_prior",
          "fails_minor_prior",
          "fail_rate_prior",
          "fails_365d",
          "days_since_sampling",
          "days_since_failure",
          "onsite_prior",
          "onsite_issues_prior",
          "onsite_serious_prior",
          "onsite_not_found_prior",
          "days_since_onsite",
          "complaints_30d",
          "complaints_90d",
          "complaints_365d",
          "reports_30d",
          "reports_90d",
          "reports_365d",
          "complaints_total",
          "days_since_complaint",
          "certs_held",
          "certs_suspended",
          "certs_revoked",
          "cert_abuse",
          "penalties_prior",
          "penalties_365d",
          "blacklisted",
          "abnormal_operation",
          "banned",
          "recalls_prior",
          "age_years",
          "recheck");

  private final FeatureSpec spec;
  private final ZoneId zone;
  private final RiskScorer rules;

  /**
   * @param categorical names of the categorical attributes, looked up first on the target, then on
   *     the entity's profile; missing values become {@code ""}
   * @param rules the rules-only scorer to compute alongside, or null
   */
  public FeatureBuilder(List<String> categorical, ZoneId zone, RiskScorer rules) {
    this.spec = new FeatureSpec(VERSION, NUMERIC, categorical);
    this.zone = zone;
    this.rules = rules;
  }

  public FeatureSpec spec() {
    return spec;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Start of the target's day: the latest moment whose data the features may use (exclusive). */
  public long cutoff(long timeMillis) {
    return Instant.ofEpochMilli(timeMillis)
        .atZone(zone)
        .toLocalDate()
        .atStartOfDay(zone)
        .toInstant()
        .toEpochMilli();
  }

  /** Features of one target from an entity's history: the streaming entry point. */
  public FeatureRow row(Target t, EntityHistory h, Profile profile, double rulesScore) {
    long c = cutoff(t.timeMillis());
    Long est = profile == null ? null : profile.establishedEpochDay();
    double[] num = (h == null ? new EntityHistory() : h).numeric(c, est, t.recheck());
    String[] cat = new String[spec.categorical().size()];
    for (int i = 0; i < cat.length; i++) {
      String name = spec.categorical().get(i);
      String v = t.attributes().get(name);
      if (v == null && profile != null) {
        v = profile.attributes().get(name);
      }
      cat[i] = v == null ? "" : v;
    }
    return new FeatureRow(t, spec, num, cat, rulesScore);
  }

  /**
   * Features for all targets, in the order of the targets given. Events may come in any order and
   * may include the targets' own outcomes (they are after the cutoff and therefore unseen).
   */
  public List<FeatureRow> build(
      List<HistoryEvent> events, List<Target> targets, Map<String, Profile> profiles) {
    List<HistoryEvent> ev = new ArrayList<>(events);
    ev.sort(Comparator.comparingLong(HistoryEvent::timeMillis));
    Integer[] order = new Integer[targets.size()];
    long[] cut = new long[targets.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      cut[i] = cutoff(targets.get(i).timeMillis());
    }
    java.util.Arrays.sort(order, Comparator.comparingLong(i -> cut[i]));

    Map<String, EntityHistory> hist = new HashMap<>();
    Map<String, ScoreState> states = new HashMap<>();
    FeatureRow[] out = new FeatureRow[targets.size()];
    int p = 0;
    for (int idx : order) {
      long c = cut[idx];
      // Feed everything strictly before the cutoff; later events stay unseen for this target.
      while (p < ev.size() && ev.get(p).timeMillis() < c) {
        HistoryEvent e = ev.get(p++);
        hist.computeIfAbsent(e.entityId(), k -> new EntityHistory()).add(e);
        if (rules != null && e.kind().evidence() != null) {
          states
              .computeIfAbsent(e.entityId(), k -> new ScoreState())
              .apply(
                  new Evidence(
                      null,
                      e.entityId(),
                      e.timeMillis(),
                      e.kind().evidence(),
                      1.0,
                      null,
                      null,
                      null,
                      null),
                  rules.rules());
        }
      }
      Target t = targets.get(idx);
      double score = Double.NaN;
      if (rules != null) {
        ScoreState s = states.get(t.entityId());
        score = s == null ? 0 : rules.score(t.entityId(), s, c).score();
      }
      out[idx] = row(t, hist.get(t.entityId()), profiles.get(t.entityId()), score);
    }
    return List.of(out);
  }
}

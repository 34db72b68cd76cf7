package io.qualitywatch.ingestion.generator;

import io.qualitywatch.ingestion.generator.TestItems.Item;

/** How an injected incident changes the data; the public {@link Incident} is its description. */
sealed interface IncidentPlan {
  Incident incident();

  default String id() {
    return incident().id();
  }

  /** Sampling of {@code category} from producers in the flagged cities fails far more often. */
  record Wave(
      Incident incident,
      int category,
      boolean[] cities,
      int from,
      int to,
      double failProbability,
      Item hazard,
      int[] producers,
      double complaintsPerDay)
      implements IncidentPlan {
    boolean affects(int day, int cat, int city) {
      return day >= from && day <= to && cat == category && cities[city];
    }
  }

  /** Extra complaints at one enterprise. */
  record Surge(Incident incident, int enterprise, int from, int to, double perDay, String text)
      implements IncidentPlan {}

  /** Extra complaints spread over the enterprises of one industry in one county. */
  record RegionalSurge(
      Incident incident,
      int[] members,
      double[] weights,
      int from,
      int to,
      double perDay,
      String text)
      implements IncidentPlan {}

  /**
   * Abuse events are scheduled up front; the whistle-blower reports (举报) go through the complaint
   * path so that they get ordinary ticket numbers.
   */
  record Ring(Incident incident, int body, int[] reportDays, int[] reportMembers)
      implements IncidentPlan {}

  /** Failure probability and complaints rise linearly from {@code from} over {@code rampDays}. */
  record Deteriorating(
      Incident incident,
      int enterprise,
      int from,
      int rampDays,
      double maxFailure,
      double complaintMultiplier)
      implements IncidentPlan {
    double ramp(int day) {
      if (day < from) {
        return 0;
      }
      return Math.min(1.0, (day - from + 1) / (double) rampDays);
    }
  }
}

package io.qualitywatch.ingestion.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.reference.Enterprise;
import io.qualitywatch.ingestion.reference.Enterprise.SizeClass;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mid-size year checked against the public figures the rates are calibrated to, and the injected
 * incidents checked to be visible in the data (an invisible incident cannot be scored).
 */
class GeneratorRatesTest {
  static final GeneratorConfig MID =
      GeneratorConfig.defaults().withEnterprises(30_000).withSeed(11);

  static Map<String, Enterprise> byCode = new HashMap<>();

  /** Incidents off: the calibrated baseline. */
  static List<EventEnvelope> baseline;

  /** The same world with incidents: what a warning system would be scored on. */
  static List<EventEnvelope> events;

  static List<Incident> incidents;
  static Map<String, EventEnvelope> byId = new HashMap<>();

  @BeforeAll
  static void generate() {
    // Leaving incident-caused events out of a run with incidents would bias the rates upwards:
    // inside an incident a batch only stays "not caused" if it failed anyway or passed both draws.
    DataGenerator off = new DataGenerator(MID.withIncidents(false));
    off.reference().enterprises().forEach(e -> byCode.put(e.creditCode(), e));
    baseline = unique(off);
    DataGenerator on = new DataGenerator(MID);
    events = unique(on);
    incidents = on.incidents();
    events.forEach(e -> byId.put(e.eventId(), e));
  }

  private static List<EventEnvelope> unique(DataGenerator g) {
    Set<String> seen = new HashSet<>();
    List<EventEnvelope> out = new ArrayList<>();
    g.events().filter(e -> seen.add(e.eventId())).forEach(out::add);
    return out;
  }

  @Test
  void sizeClassesAreHeavyTailed() {
    Map<SizeClass, Integer> n = new EnumMap<>(SizeClass.class);
    byCode.values().forEach(e -> n.merge(e.sizeClass(), 1, Integer::sum));
    double total = byCode.size();
    assertEquals(0.85, n.get(SizeClass.MICRO) / total, 0.01);
    assertEquals(0.12, n.get(SizeClass.SMALL) / total, 0.01);
    assertEquals(0.025, n.get(SizeClass.MEDIUM) / total, 0.004);
    assertEquals(0.005, n.get(SizeClass.LARGE) / total, 0.002);
  }

  /**
   * National supervision sampling 2023: 12.3 % failed, small firms 13.2 %, large 0.8 %; food
   * sampling 2.73 %. Each batch counts once, for the enterprise responsible for the product (the
   * producer when known).
   */
  @Test
  void failureRatesMatchThePublishedFiguresBySizeClass() {
    Map<String, SamplingResult> firstEvent = new HashMap<>();
    Map<String, SizeClass> responsible = new HashMap<>();
    for (EventEnvelope e : baseline) {
      if (e.payload() instanceof SamplingResult s) {
        firstEvent.putIfAbsent(s.batchId(), s);
        SizeClass size = byCode.get(e.creditCode()).sizeClass();
        if (s.role() == SamplingResult.SampledRole.PRODUCER) {
          responsible.put(s.batchId(), size);
        } else {
          responsible.putIfAbsent(s.batchId(), size);
        }
      }
    }
    long[][] sup = new long[4][2];
    long[][] food = new long[4][2];
    for (var b : firstEvent.entrySet()) {
      long[][] t = b.getValue().programme().equals("food") ? food : sup;
      int c = responsible.get(b.getKey()).ordinal();
      t[c][0]++;
      if (b.getValue().verdict() == SamplingResult.Verdict.FAIL) {
        t[c][1]++;
      }
    }
    int large = SizeClass.LARGE.ordinal();
    int medium = SizeClass.MEDIUM.ordinal();
    int small = SizeClass.SMALL.ordinal();
    int micro = SizeClass.MICRO.ordinal();
    String report = describe(sup) + " | food " + describe(food);
    assertTrue(sup[micro][0] > 5_000 && sup[large][0] > 200, "too few batches: " + report);
    assertEquals(0.132, rate(sup[micro]), 0.012, report);
    assertEquals(0.132, rate(sup[small]), 0.02, report);
    assertTrue(rate(sup[medium]) > 0.03 && rate(sup[medium]) < 0.09, report);
    assertTrue(rate(sup[large]) < 0.025, report);
    assertEquals(0.123, rate(total(sup)), 0.012, report);
    assertEquals(0.0273, rate(total(food)), 0.006, report);
    assertTrue(rate(food[large]) < rate(food[micro]), report);
  }

  @Test
  void failedBatchesCarryHazardClassesInRealisticShares() {
    Map<String, Integer> worst = new HashMap<>();
    for (EventEnvelope e : baseline) {
      if (e.payload() instanceof SamplingResult s && s.verdict() == SamplingResult.Verdict.FAIL) {
        worst.merge(s.worstHazard().name(), 1, Integer::sum);
      }
    }
    int total = worst.values().stream().mapToInt(Integer::intValue).sum();
    for (String h : List.of("SAFETY_CRITICAL", "MAJOR", "MINOR")) {
      assertTrue(worst.getOrDefault(h, 0) > total / 20, "hazard mix " + worst);
    }
    assertTrue(worst.get("SAFETY_CRITICAL") > worst.get("MINOR"), "hazard mix " + worst);
  }

  @Test
  void complaintsAreHeavyTailedAcrossEnterprises() {
    Map<String, Integer> perEnterprise = new HashMap<>();
    int total = 0;
    for (EventEnvelope e : baseline) {
      if (e.payload() instanceof Complaint) {
        perEnterprise.merge(e.creditCode(), 1, Integer::sum);
        total++;
      }
    }
    List<Integer> counts = new ArrayList<>(perEnterprise.values());
    counts.sort((a, b) -> b - a);
    int top = MID.enterprises() / 100;
    long inTop = counts.stream().limit(top).mapToLong(Integer::longValue).sum();
    double share = inTop / (double) total;
    assertTrue(share >= 0.15, "top 1% carry " + share);
    // ... and yet most enterprises are never complained about in a year.
    assertTrue(
        perEnterprise.size() < MID.enterprises() * 0.6,
        "complained-about: " + perEnterprise.size());
    assertTrue(total > MID.enterprises(), "about 1.3 complaints per enterprise-year, got " + total);
  }

  @Test
  void complaintsPeakAroundConsumerDayAndDipAtWeekends() {
    Map<LocalDate, Integer> perDay = new HashMap<>();
    for (EventEnvelope e : baseline) {
      if (e.payload() instanceof Complaint) {
        perDay.merge(LocalDate.ofInstant(e.eventTime(), ChinaCalendar.CST), 1, Integer::sum);
      }
    }
    double mean = perDay.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
    double consumerDay = 0;
    for (int d = 13; d <= 17; d++) {
      consumerDay += perDay.getOrDefault(LocalDate.of(2025, 3, d), 0) / 5.0;
    }
    assertTrue(consumerDay > 1.5 * mean, "3·15 week " + consumerDay + " vs mean " + mean);
    double mon = 0;
    double sun = 0;
    for (var d : perDay.entrySet()) {
      if (d.getKey().getDayOfWeek() == DayOfWeek.MONDAY) {
        mon += d.getValue();
      } else if (d.getKey().getDayOfWeek() == DayOfWeek.SUNDAY) {
        sun += d.getValue();
      }
    }
    assertTrue(mon > 1.15 * sun, "Mondays " + mon + " Sundays " + sun);
  }

  @Test
  void enterpriseComplaintSurgesStandOutAgainstTheEnterprisesOwnBaseline() {
    List<Incident> surges = ofKind(Incident.Kind.COMPLAINT_SURGE);
    assertTrue(!surges.isEmpty());
    for (Incident s : surges) {
      String code = s.creditCodes().get(0);
      double[] inOut =
          perDayInAndOut(s, e -> e.payload() instanceof Complaint && code.equals(e.creditCode()));
      assertTrue(inOut[0] >= 1.5, s.id() + " in-window complaints/day " + inOut[0]);
      assertTrue(
          inOut[0] > 5 * inOut[1],
          s.id() + String.format(Locale.ROOT, " %.2f/day vs %.3f/day", inOut[0], inOut[1]));
      for (String id : s.eventIds()) {
        EventEnvelope e = byId(id);
        assertEquals(code, e.creditCode());
        assertTrue(
            !e.eventTime().isBefore(s.start())
                && e.eventTime().isBefore(s.end().plus(Duration.ofDays(3))));
      }
    }
  }

  @Test
  void regionalSurgeRaisesComplaintsOfOneIndustryInOneCounty() {
    for (Incident s : ofKind(Incident.Kind.REGIONAL_COMPLAINT_SURGE)) {
      String county = s.regionCodes().get(0);
      double[] inOut =
          perDayInAndOut(
              s,
              e ->
                  e.payload() instanceof Complaint
                      && county.equals(e.regionCode())
                      && s.industryCode().equals(e.industryCode()));
      assertTrue(inOut[0] > 2.5 * inOut[1], s.id() + " " + inOut[0] + " vs " + inOut[1]);
    }
  }

  @Test
  void failureWaveMakesTheCategoryFailAcrossItsRegionsOnlyDuringTheWindow() {
    for (Incident wave : ofKind(Incident.Kind.FAILURE_WAVE)) {
      assertTrue(wave.regionCodes().size() >= 2);
      Set<String> provinces = new HashSet<>();
      wave.regionCodes().forEach(c -> provinces.add(c.substring(0, 2)));
      long[] in = new long[2];
      long[] out = new long[2];
      Set<String> batches = new HashSet<>();
      for (EventEnvelope e : events) {
        if (e.payload() instanceof SamplingResult s
            && s.role() == SamplingResult.SampledRole.PRODUCER
            && s.productCategory().equals(wave.productCategory())
            && wave.regionCodes().contains(e.regionCode().substring(0, 4) + "00")
            && batches.add(s.batchId())) {
          boolean inside =
              !e.eventTime().isBefore(wave.start()) && e.eventTime().isBefore(wave.end());
          long[] t = inside ? in : out;
          t[0]++;
          t[1] += s.verdict() == SamplingResult.Verdict.FAIL ? 1 : 0;
        }
      }
      assertTrue(in[1] >= 4, wave.id() + " failures in window: " + in[1] + "/" + in[0]);
      assertTrue(
          rate(in) > 0.3 && rate(in) > 2 * rate(out),
          wave.id() + " " + rate(in) + " vs " + rate(out));
    }
  }

  @Test
  void abuseRingEvidenceStaysWithinTheRingAndItsBody() {
    for (Incident ring : ofKind(Incident.Kind.CERTIFICATE_ABUSE_RING)) {
      assertTrue(ring.creditCodes().size() >= 4, "at least 3 members + the body");
      Set<String> members = new HashSet<>(ring.creditCodes());
      String city = ring.regionCodes().get(0);
      int abuse = 0;
      for (String id : ring.eventIds()) {
        EventEnvelope e = byId(id);
        assertTrue(members.contains(e.creditCode()), id);
        if (e.payload() instanceof io.qualitywatch.ingestion.contract.CertificateEvent c) {
          abuse++;
          assertEquals(ring.parameters().get("certification_body"), c.certificationBody());
          assertEquals(city.substring(0, 4), e.regionCode().substring(0, 4));
        }
      }
      assertTrue(abuse >= 3, "abuse events " + abuse);
    }
  }

  @Test
  void deterioratingEnterprisesFailMoreAfterTheirDeclineStarts() {
    long[] before = new long[2];
    long[] after = new long[2];
    List<Incident> list = ofKind(Incident.Kind.DETERIORATING_ENTERPRISE);
    assertTrue(list.size() >= 3);
    for (Incident d : list) {
      String code = d.creditCodes().get(0);
      for (EventEnvelope e : events) {
        if (e.payload() instanceof SamplingResult s && code.equals(e.creditCode())) {
          long[] t = e.eventTime().isBefore(d.start()) ? before : after;
          t[0]++;
          t[1] += s.verdict() == SamplingResult.Verdict.FAIL ? 1 : 0;
        }
      }
    }
    assertTrue(after[0] >= 8, "too few batches after the decline started: " + after[0]);
    assertTrue(
        rate(after) > 0.25 && rate(after) > 2 * rate(before), rate(after) + " vs " + rate(before));
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static double[] perDayInAndOut(
      Incident inc, java.util.function.Predicate<EventEnvelope> p) {
    long in = 0;
    long out = 0;
    for (EventEnvelope e : events) {
      if (p.test(e)) {
        if (!e.eventTime().isBefore(inc.start()) && e.eventTime().isBefore(inc.end())) {
          in++;
        } else {
          out++;
        }
      }
    }
    double windowDays = Duration.between(inc.start(), inc.end()).toDays();
    return new double[] {in / windowDays, out / (MID.days() - windowDays)};
  }

  private static List<Incident> ofKind(Incident.Kind k) {
    return incidents.stream().filter(i -> i.kind() == k).toList();
  }

  private static EventEnvelope byId(String id) {
    return byId.get(id);
  }

  private static long[] total(long[][] t) {
    long[] s = new long[2];
    for (long[] r : t) {
      s[0] += r[0];
      s[1] += r[1];
    }
    return s;
  }

  private static double rate(long[] t) {
    return t[0] == 0 ? 0 : t[1] / (double) t[0];
  }

  private static String describe(long[][] t) {
    StringBuilder sb = new StringBuilder();
    for (SizeClass c : SizeClass.values()) {
      long[] r = t[c.ordinal()];
      sb.append(String.format(Locale.ROOT, "%s %d/%d=%.4f ", c, r[1], r[0], rate(r)));
    }
    return sb.toString();
  }
}

package io.qualitywatch.ingestion.generator;

import io.qualitywatch.ingestion.contract.CertificateEvent;
import io.qualitywatch.ingestion.contract.CertificateEvent.CertificateTransition;
import io.qualitywatch.ingestion.contract.CertificateEvent.CertificateType;
import io.qualitywatch.ingestion.contract.InstitutionReport;
import io.qualitywatch.ingestion.contract.InstitutionReport.ReportKind;
import io.qualitywatch.ingestion.generator.Incident.Kind;
import io.qualitywatch.ingestion.generator.Incident.Scope;
import io.qualitywatch.ingestion.generator.TestItems.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses the ground-truth incidents: where and when they happen and how strongly. Incidents are
 * placed where they can be seen at the configured scale (dense categories, busy enterprises), since
 * an incident that leaves no trace in the data cannot be scored.
 */
final class IncidentPlanner {
  private static final Set<String> CONSUMER_FACING =
      Set.of("F52", "H62", "C14", "C15", "C18", "C24", "C38");
  private static final Set<String> REGIONAL_INDUSTRIES = Set.of("F52", "H62", "C14");

  private final World w;
  private final SplittableRandom r;
  private final Set<Integer> used = new HashSet<>();
  private int seq;

  private IncidentPlanner(World w) {
    this.w = w;
    this.r = Rand.stream(w.seed, World.P_INCIDENT_PLAN, 0);
  }

  static void plan(World w) {
    IncidentPlanner p = new IncidentPlanner(w);
    int n = w.enterprises.length;
    Set<Integer> waveCats = new HashSet<>();
    for (int i = 0; i < 1 + n / 250_000; i++) {
      p.wave(waveCats);
    }
    for (int i = 0; i < Math.min(20, 1 + n / 50_000); i++) {
      p.surge();
    }
    for (int i = 0; i < 1 + n / 250_000; i++) {
      p.ring();
    }
    for (int i = 0; i < 1 + n / 250_000; i++) {
      p.regional();
    }
    for (int i = 0; i < Math.min(50, 3 + n / 20_000); i++) {
      p.deteriorating();
    }
  }

  // ---- (a) systemic failure wave -----------------------------------------------------------

  private void wave(Set<Integer> taken) {
    // Expected producer-side batches per year of each category: what makes a wave observable.
    double[] perYear = new double[w.categories.length];
    Integer[] order = new Integer[w.categories.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
      Set<Integer> cities = new HashSet<>();
      for (int e : w.categoryProducers[c]) {
        cities.add(w.cityOf(e));
        perYear[c] += batchesPerYear(e, c);
      }
      if (w.categoryProducers[c].length < 3 || cities.size() < 2 || taken.contains(c)) {
        perYear[c] = -1;
      }
    }
    Arrays.sort(order, (a, b) -> Double.compare(perYear[b], perYear[a]));
    int top = 0;
    while (top < Math.min(3, order.length) && perYear[order[top]] > 0) {
      top++;
    }
    if (top == 0) {
      return;
    }
    int cat = order[r.nextInt(top)];
    taken.add(cat);
    int[] producers = w.categoryProducers[cat];
    TreeMap<Integer, Double> cityBatches = new TreeMap<>();
    for (int e : producers) {
      cityBatches.merge(w.cityOf(e), batchesPerYear(e, cat), Double::sum);
    }
    List<Integer> cities = new ArrayList<>(cityBatches.keySet());
    int len = Rand.between(r, 35, 63);
    // Several production areas, not the whole country (a shared supplier or raw material), but
    // enough of them that the wave shows in sampling: some 16 batches inside the window.
    double wanted = 16.0 * 365 / len;
    int maxCities = Math.max(3, (int) Math.round(0.4 * cities.size()));
    double[] cw = new double[cities.size()];
    for (int i = 0; i < cw.length; i++) {
      cw[i] = cityBatches.get(cities.get(i));
    }
    boolean[] chosen = new boolean[w.cityCode.length];
    Set<Integer> provinces = new HashSet<>();
    double expected = 0;
    int picked = 0;
    while (picked < cities.size() && (picked < 3 || (expected < wanted && picked < maxCities))) {
      int i = Rand.weighted(r, cw);
      chosen[cities.get(i)] = true;
      provinces.add(w.cityProvince[cities.get(i)]);
      expected += cw[i];
      cw[i] = 0;
      picked++;
    }
    // Systemic means more than one province whenever the producers span several.
    for (int c : cities) {
      if (provinces.size() >= 2) {
        break;
      }
      if (!chosen[c] && !provinces.contains(w.cityProvince[c])) {
        chosen[c] = true;
        provinces.add(w.cityProvince[c]);
        expected += cityBatches.get(c);
      }
    }
    if (expected < wanted) {
      len = Math.min(90, (int) Math.ceil(16.0 * 365 / Math.max(expected, 1e-9)));
    }
    List<Integer> inScope = new ArrayList<>();
    for (int e : producers) {
      if (chosen[w.cityOf(e)]) {
        inScope.add(e);
      }
    }
    int[] win = window(len, len);
    double failP = 0.45 + 0.2 * r.nextDouble();
    Item hazard = TestItems.safetyCritical(w.categoryFamily[cat], r);
    double complaints = Math.min(2.0, 0.1 + 0.02 * inScope.size());
    List<String> regionCodes = new ArrayList<>();
    for (int c = 0; c < chosen.length; c++) {
      if (chosen[c]) {
        regionCodes.add(w.cityCode[c]);
      }
    }
    regionCodes.sort(String::compareTo);
    var cat0 = w.categories[cat];
    TreeMap<String, String> params = new TreeMap<>();
    params.put("fail_probability", fmt(failP));
    params.put(
        "baseline_fail_probability_small",
        fmt(World.failureRate(w.categoryFood[cat], World.SMALL)));
    params.put("hazard_item", hazard.name());
    params.put("hazard_class", hazard.hazard().name());
    params.put("producers_in_scope", Integer.toString(inScope.size()));
    params.put(
        "expected_producer_batches_in_window", fmt(expected * (win[1] - win[0] + 1) / 365.0));
    params.put("provinces", Integer.toString(provinces.size()));
    params.put("extra_complaints_per_day", fmt(complaints));
    Incident inc =
        incident(
            Kind.FAILURE_WAVE,
            Scope.SYSTEMIC,
            String.format(
                Locale.ROOT,
                "Failure wave: %s (%s) failing on %s in %d cities of %d provinces",
                cat0.name(),
                cat0.code(),
                hazard.name(),
                regionCodes.size(),
                provinces.size()),
            List.of(),
            regionCodes,
            cat0.industryCode(),
            cat0.code(),
            win,
            params);
    w.plans.add(
        new IncidentPlan.Wave(
            inc,
            cat,
            chosen,
            win[0],
            win[1],
            failP,
            hazard,
            inScope.stream().mapToInt(Integer::intValue).toArray(),
            complaints));
  }

  /** Producer-side batches per year of category {@code cat} at producer {@code e}. */
  private double batchesPerYear(int e, int cat) {
    double share = w.cat2[e] < 0 ? 1.0 : w.cat1[e] == cat ? 0.6 : 0.4;
    return w.samplingWeight[e] * share;
  }

  // ---- (b) complaint surge at one enterprise -----------------------------------------------

  private void surge() {
    List<Integer> cands = new ArrayList<>();
    int n = w.enterprises.length;
    for (int t = 0; t < 4000 && cands.size() < 300; t++) {
      int e = r.nextInt(n);
      if (!used.contains(e) && CONSUMER_FACING.contains(w.industryCode[w.industry[e]])) {
        cands.add(e);
      }
    }
    if (cands.isEmpty()) {
      return;
    }
    cands.sort((a, b) -> Float.compare(w.complaintRate[b], w.complaintRate[a]));
    // A busy enterprise (top 3 %): a surge should be measured against a real baseline.
    int e = cands.get(r.nextInt(Math.max(1, cands.size() * 3 / 100)));
    used.add(e);
    int[] win = window(7, 14);
    double baseline = w.complaintRate[e] / 365.0;
    double mult = 6 + 6 * r.nextDouble();
    double perDay = Math.max(3.0, baseline * mult);
    int cat = w.cat1[e] >= 0 ? w.cat1[e] : -1;
    String product = cat >= 0 ? w.categoryShort[cat] : "商品";
    String text =
        w.kind(e) == World.CATERING
            ? "在该店就餐后多人出现腹泻呕吐，疑似食物中毒，要求调查处理。"
            : "购买的" + product + "批次存在严重质量问题，多名消费者反映相同情况，要求召回并赔偿。";
    TreeMap<String, String> params = new TreeMap<>();
    params.put("baseline_per_day", fmt(baseline));
    params.put("surge_per_day", fmt(perDay));
    params.put("multiplier", fmt(perDay / Math.max(baseline, 1e-9)));
    Incident inc =
        incident(
            Kind.COMPLAINT_SURGE,
            Scope.ENTERPRISE,
            "Complaint surge at " + w.enterprises[e].name(),
            List.of(w.enterprises[e].creditCode()),
            List.of(w.enterprises[e].regionCode()),
            w.enterprises[e].industryCode(),
            cat >= 0 ? w.categories[cat].code() : null,
            win,
            params);
    w.plans.add(new IncidentPlan.Surge(inc, e, win[0], win[1], perDay, text));
  }

  // ---- (c) certificate-abuse ring ----------------------------------------------------------

  private void ring() {
    if (w.bodies.length == 0) {
      return;
    }
    int[] perCity = new int[w.cityCode.length];
    int n = w.enterprises.length;
    for (int e = 0; e < n; e++) {
      int k = w.kind(e);
      if (k == World.MANUFACTURER || k == World.SELLER) {
        perCity[w.cityOf(e)]++;
      }
    }
    double[] weights = new double[perCity.length];
    for (int c = 0; c < perCity.length; c++) {
      weights[c] = perCity[c] >= 6 ? Math.sqrt(perCity[c]) : 0;
    }
    if (Arrays.stream(weights).sum() <= 0) {
      return;
    }
    int city = Rand.weighted(r, weights);
    List<Integer> pool = new ArrayList<>();
    for (int e = 0; e < n; e++) {
      int k = w.kind(e);
      if (w.cityOf(e) == city
          && (k == World.MANUFACTURER || k == World.SELLER)
          && !used.contains(e)) {
        pool.add(e);
      }
    }
    int size = Math.min(pool.size(), Rand.between(r, 3, 6));
    if (size < 3) {
      return;
    }
    int[] members = new int[size];
    for (int i = 0; i < size; i++) {
      members[i] = pool.remove(r.nextInt(pool.size()));
      used.add(members[i]);
    }
    int body = w.bodies[r.nextInt(w.bodies.length)];
    String bodyCode = w.institutions[body].creditCode();
    int[] win = window(60, 150);
    String id = nextId();
    List<String[]> real = new ArrayList<>(w.certificatesByBody.getOrDefault(body, List.of()));
    List<Integer> reportDays = new ArrayList<>();
    List<Integer> reportMembers = new ArrayList<>();
    int forged = 0;
    for (int m : members) {
      int uses = Rand.between(r, 1, 3);
      for (int u = 0; u < uses; u++) {
        int day = win[0] + r.nextInt(win[1] - win[0] + 1);
        String certId;
        CertificateType type;
        // Rings borrow real numbers of the body (冒用) or invent plausible ones (伪造).
        if (!real.isEmpty() && r.nextDouble() < 0.6) {
          String[] c = real.remove(r.nextInt(real.size()));
          certId = c[0];
          type = CertificateType.valueOf(c[1]);
        } else {
          type = r.nextDouble() < 0.7 ? CertificateType.QMS : CertificateType.CCC;
          certId =
              Schedules.certificateId(
                  body,
                  w.date(day).getYear() - 1,
                  type,
                  5_000_000L + r.nextInt(4_000_000) + forged++);
        }
        CertificateEvent ev =
            new CertificateEvent(
                certId,
                type,
                CertificateTransition.ABUSE,
                bodyCode,
                null,
                Rand.pick(r, Vocab.CERT_ABUSE_REASONS));
        w.schedule(day, w.enterpriseEvent(day, ChinaCalendar.officeSecond(r), m, ev), id);
      }
      int reports = Rand.between(r, 1, 2);
      for (int k = 0; k < reports; k++) {
        reportDays.add(win[0] + r.nextInt(win[1] - win[0] + 1));
        reportMembers.add(m);
      }
    }
    int finding = win[1] + Rand.between(r, 10, 40);
    if (finding < w.days) {
      int y = w.date(finding).getYear();
      InstitutionReport rep =
          new InstitutionReport(
              "SF" + y + "-" + bodyCode + "-R" + seq,
              ReportKind.SUPERVISION_FINDING,
              y,
              null,
              null,
              null,
              null,
              null,
              Rand.between(r, 3, 6));
      w.schedule(
          finding, w.institutionEvent(finding, ChinaCalendar.officeSecond(r), body, rep), id);
    }
    List<String> codes = new ArrayList<>();
    for (int m : members) {
      codes.add(w.enterprises[m].creditCode());
    }
    codes.add(bodyCode);
    TreeMap<String, String> params = new TreeMap<>();
    params.put("certification_body", bodyCode);
    params.put("certification_body_name", w.institutions[body].name());
    params.put("members", Integer.toString(size));
    Incident inc =
        new Incident(
            id,
            Kind.CERTIFICATE_ABUSE_RING,
            Scope.REGIONAL,
            "Certificate-abuse ring: "
                + size
                + " enterprises in "
                + w.cityShort[city]
                + " using certificates of "
                + w.institutions[body].name(),
            codes,
            List.of(w.cityCode[city]),
            null,
            null,
            start(win),
            end(win),
            java.util.Collections.unmodifiableSortedMap(params),
            List.of());
    w.plans.add(
        new IncidentPlan.Ring(
            inc,
            body,
            reportDays.stream().mapToInt(Integer::intValue).toArray(),
            reportMembers.stream().mapToInt(Integer::intValue).toArray()));
  }

  // ---- (d) regional complaint surge --------------------------------------------------------

  private void regional() {
    Map<Long, Integer> groups = new HashMap<>();
    int n = w.enterprises.length;
    for (int e = 0; e < n; e++) {
      if (REGIONAL_INDUSTRIES.contains(w.industryCode[w.industry[e]])) {
        groups.merge(((long) w.county[e] << 16) | w.industry[e], 1, Integer::sum);
      }
    }
    List<Long> keys = new ArrayList<>(new TreeSet<>(groups.keySet()));
    int min = 5;
    double[] weights = new double[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      int c = groups.get(keys.get(i));
      weights[i] = c >= min ? c : 0;
    }
    if (Arrays.stream(weights).sum() <= 0) {
      for (int i = 0; i < keys.size(); i++) {
        int c = groups.get(keys.get(i));
        weights[i] = c >= 3 ? c : 0;
      }
      if (Arrays.stream(weights).sum() <= 0) {
        return;
      }
    }
    long key = keys.get(Rand.weighted(r, weights));
    int ct = (int) (key >>> 16);
    int ind = (int) (key & 0xFFFF);
    List<Integer> members = new ArrayList<>();
    for (int e = 0; e < n; e++) {
      if (w.county[e] == ct && w.industry[e] == ind) {
        members.add(e);
      }
    }
    double[] mw = new double[members.size()];
    double total = 0;
    for (int i = 0; i < mw.length; i++) {
      mw[i] = w.complaintRate[members.get(i)] + 0.5;
      total += w.complaintRate[members.get(i)];
    }
    int[] win = window(10, 28);
    double mult = 4 + 2 * r.nextDouble();
    double perDay = Math.max(1.5, total / 365.0 * (mult - 1));
    String code = w.industryCode[ind];
    String text =
        code.equals("H62")
            ? "近期在本地多家餐馆就餐后出现身体不适，怀疑食材来源有问题，请监管部门检查。"
            : code.equals("C14") ? "本地生产的食品近期多次出现变质问题，请监管部门检查。" : "本地多家超市近期销售的商品存在质量问题，请监管部门检查。";
    TreeMap<String, String> params = new TreeMap<>();
    params.put("enterprises_in_scope", Integer.toString(members.size()));
    params.put("baseline_per_day", fmt(total / 365.0));
    params.put("extra_per_day", fmt(perDay));
    Incident inc =
        incident(
            Kind.REGIONAL_COMPLAINT_SURGE,
            Scope.REGIONAL,
            "Regional complaint surge: "
                + code
                + " in "
                + w.countyName[ct]
                + " ("
                + w.countyCode[ct]
                + ")",
            List.of(),
            List.of(w.countyCode[ct]),
            code,
            null,
            win,
            params);
    w.plans.add(
        new IncidentPlan.RegionalSurge(
            inc,
            members.stream().mapToInt(Integer::intValue).toArray(),
            mw,
            win[0],
            win[1],
            perDay,
            text));
  }

  // ---- (e) deteriorating enterprise --------------------------------------------------------

  private void deteriorating() {
    int n = w.enterprises.length;
    int best = -1;
    double bestScore = -1;
    for (int t = 0; t < 3000; t++) {
      int e = r.nextInt(n);
      // A decline starts from an ordinary record, not from an already poor one.
      if (used.contains(e)
          || w.kind(e) != World.MANUFACTURER
          || w.cat1[e] < 0
          || w.quality[e] > 1.3) {
        continue;
      }
      // Prefer enterprises sampled often enough (mid-sized food producers: several batches a
      // year) for the erosion to show within months.
      double s = new double[] {0.2, 1, 3, 2}[w.size[e]] * w.samplingWeight[e] * r.nextDouble();
      if (s > bestScore) {
        best = e;
        bestScore = s;
      }
    }
    if (best < 0) {
      return;
    }
    int e = best;
    used.add(e);
    int d = w.days;
    // Starts early enough that the decline plays out within the period.
    int from = (int) (d * (0.1 + 0.3 * r.nextDouble()));
    int ramp = Math.max(14, Math.min(d - from, Rand.between(r, 60, 150)));
    double pMax = 0.45 + 0.25 * r.nextDouble();
    double cm = 3 + 2 * r.nextDouble();
    TreeMap<String, String> params = new TreeMap<>();
    params.put("ramp_days", Integer.toString(ramp));
    params.put("max_fail_probability", fmt(pMax));
    params.put(
        "baseline_fail_probability",
        fmt(World.failureRate(w.categoryFood[w.cat1[e]], w.size[e]) * w.quality[e]));
    params.put("complaint_multiplier", fmt(cm));
    Incident inc =
        incident(
            Kind.DETERIORATING_ENTERPRISE,
            Scope.ENTERPRISE,
            "Deteriorating enterprise: " + w.enterprises[e].name(),
            List.of(w.enterprises[e].creditCode()),
            List.of(w.enterprises[e].regionCode()),
            w.enterprises[e].industryCode(),
            w.categories[w.cat1[e]].code(),
            new int[] {from, d - 1},
            params);
    w.plans.add(new IncidentPlan.Deteriorating(inc, e, from, ramp, pMax, cm));
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** A window of minLen..maxLen days inside the period, not in its first tenth when avoidable. */
  private int[] window(int minLen, int maxLen) {
    int d = w.days;
    int len = Math.max(1, Math.min(Rand.between(r, minLen, maxLen), Math.max(1, d / 2)));
    int lo = Math.min(d / 10, d - len);
    int from = lo + r.nextInt(d - len - lo + 1);
    return new int[] {from, from + len - 1};
  }

  private String nextId() {
    return "INC-" + World.pad(++seq, 3);
  }

  private Incident incident(
      Kind kind,
      Scope scope,
      String description,
      List<String> codes,
      List<String> regions,
      String industry,
      String category,
      int[] win,
      TreeMap<String, String> params) {
    return new Incident(
        nextId(),
        kind,
        scope,
        description,
        codes,
        regions,
        industry,
        category,
        start(win),
        end(win),
        java.util.Collections.unmodifiableSortedMap(params),
        List.of());
  }

  private Instant start(int[] win) {
    return w.instant(win[0], 0);
  }

  /** Exclusive: the start of the day after the last affected day. */
  private Instant end(int[] win) {
    return w.instant(win[1] + 1, 0);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}

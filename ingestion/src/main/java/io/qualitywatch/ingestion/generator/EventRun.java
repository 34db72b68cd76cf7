package io.qualitywatch.ingestion.generator;

import static io.qualitywatch.ingestion.generator.World.CATERING;
import static io.qualitywatch.ingestion.generator.World.MANUFACTURER;
import static io.qualitywatch.ingestion.generator.World.MICRO;
import static io.qualitywatch.ingestion.generator.World.SELLER;

import io.qualitywatch.ingestion.contract.CertificateEvent;
import io.qualitywatch.ingestion.contract.CertificateEvent.CertificateTransition;
import io.qualitywatch.ingestion.contract.CertificateEvent.CertificateType;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.Complaint.Complainant;
import io.qualitywatch.ingestion.contract.Complaint.ComplaintKind;
import io.qualitywatch.ingestion.contract.EnforcementEvent;
import io.qualitywatch.ingestion.contract.EnforcementEvent.EnforcementAction;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventPayload;
import io.qualitywatch.ingestion.contract.EventType;
import io.qualitywatch.ingestion.contract.HazardClass;
import io.qualitywatch.ingestion.contract.InspectionResult;
import io.qualitywatch.ingestion.contract.InspectionResult.InspectionOutcome;
import io.qualitywatch.ingestion.contract.Recall;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.contract.SamplingResult.SampledRole;
import io.qualitywatch.ingestion.contract.SamplingResult.TestedItem;
import io.qualitywatch.ingestion.contract.SamplingResult.Verdict;
import io.qualitywatch.ingestion.generator.TestItems.Family;
import io.qualitywatch.ingestion.generator.TestItems.Item;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * One pass over the period, day by day: a day's events are generated, sorted by time and handed
 * out; only that day plus follow-ups scheduled for later days (penalties, re-inspections, recalls)
 * are in memory. Each day draws from its own random stream, and each batch or complaint from a
 * split of it, so an incident that flips a batch to "fail" does not shift any other draw.
 */
final class EventRun implements Iterator<EventEnvelope> {
  /** Called after each simulated day, with the events handed out so far. */
  interface DayListener {
    void dayDone(LocalDate date, long emitted);
  }

  record Tagged(EventEnvelope event, String incident, boolean redelivery, int batchClass) {
    Tagged(EventEnvelope event, String incident) {
      this(event, incident, false, -1);
    }
  }

  /** A complaint before its ticket number: numbers follow receipt order within the day. */
  private static final class ComplaintSpec {
    int second;
    long tie;
    int enterprise;
    ComplaintKind kind;
    String channel;
    String category;
    String text;
    Complainant who;
    String incident;
    boolean redeliver;
  }

  private static final Comparator<Tagged> ORDER =
      Comparator.comparing((Tagged t) -> t.event().eventTime())
          .thenComparing(t -> t.event().eventId());

  private static final String[] CHANNELS = {
    "12315-app", "12315-web", "12315-hotline", "12315-miniprogram", "letter-visit", "referral"
  };
  private static final double[] CHANNEL_WEIGHTS = {30, 20, 28, 15, 3, 4};

  /** Mean complaints per episode: singles, bursts of several consumers, same-person follow-ups. */
  private static final double EPISODE_MEAN = 0.82 + 0.18 * 3 + 0.05;

  private static final double INSPECTIONS_PER_ENTERPRISE_YEAR = 0.06;
  private static final double PENALTIES_PER_ENTERPRISE_YEAR = 0.006;
  private static final double ABNORMAL_PER_ENTERPRISE_YEAR = 0.003;
  private static final double BLACKLIST_PER_ENTERPRISE_YEAR = 0.0001;
  private static final double UNLIST_PER_ENTERPRISE_YEAR = 0.00005;
  private static final double RECALLS_PER_ENTERPRISE_YEAR = 0.0004;
  private static final double ABUSE_PER_ENTERPRISE_YEAR = 0.0001;
  private static final double[] FINE_MEDIAN = {8_000, 20_000, 60_000, 150_000};
  private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;

  private final World w;
  private final boolean incidents;
  private final List<IncidentPlan.Wave> waves = new ArrayList<>();
  private final List<IncidentPlan.Surge> surges = new ArrayList<>();
  private final List<IncidentPlan.RegionalSurge> regionals = new ArrayList<>();
  private final List<IncidentPlan.Ring> rings = new ArrayList<>();
  private final List<IncidentPlan.Deteriorating> deteriorating = new ArrayList<>();
  private final Map<Integer, IncidentPlan.Deteriorating> deterioratingByEnterprise =
      new HashMap<>();

  private final Map<String, List<String>> caused = new LinkedHashMap<>();
  private final Map<Integer, List<Tagged>> pending = new HashMap<>();
  private final Map<Integer, List<ComplaintSpec>> pendingComplaints = new HashMap<>();
  private final int[] caseSeq;
  private int recallSeq;
  private int batchSeq;

  private final long[] typeCounts = new long[EventType.values().length];

  /** [food?1:0][size class][0 = batches, 1 = failed]. */
  private final long[][][] batchStats = new long[2][4][2];

  private long emitted;
  private long redeliveries;
  private int day;
  private int doneDay = -1;
  private List<Tagged> buffer = List.of();
  private int pos;
  private boolean finished;
  private DayListener listener;
  private Runnable onFinish;

  EventRun(World w) {
    this.w = w;
    this.incidents = w.config.incidents();
    this.caseSeq = new int[w.countyCode.length];
    for (IncidentPlan p : w.plans) {
      caused.put(p.id(), new ArrayList<>());
      if (p instanceof IncidentPlan.Wave x) {
        waves.add(x);
      } else if (p instanceof IncidentPlan.Surge x) {
        surges.add(x);
      } else if (p instanceof IncidentPlan.RegionalSurge x) {
        regionals.add(x);
      } else if (p instanceof IncidentPlan.Ring x) {
        rings.add(x);
      } else if (p instanceof IncidentPlan.Deteriorating x) {
        deteriorating.add(x);
        deterioratingByEnterprise.put(x.enterprise(), x);
      }
    }
  }

  EventRun onDay(DayListener l) {
    this.listener = l;
    return this;
  }

  EventRun onFinish(Runnable r) {
    this.onFinish = r;
    return this;
  }

  @Override
  public boolean hasNext() {
    while (pos >= buffer.size()) {
      if (doneDay >= 0) {
        if (listener != null) {
          listener.dayDone(w.date(doneDay), emitted);
        }
        doneDay = -1;
      }
      if (day >= w.days) {
        if (!finished) {
          finished = true;
          buffer = List.of();
          if (onFinish != null) {
            onFinish.run();
          }
        }
        return false;
      }
      doneDay = day;
      buffer = generate(day++);
      pos = 0;
    }
    return true;
  }

  @Override
  public EventEnvelope next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Tagged t = buffer.get(pos);
    buffer.set(pos++, null);
    emitted++;
    typeCounts[t.event().type().ordinal()]++;
    if (t.redelivery()) {
      redeliveries++;
    } else {
      if (t.incident() != null) {
        caused.get(t.incident()).add(t.event().eventId());
      }
      if (t.batchClass() >= 0) {
        SamplingResult s = (SamplingResult) t.event().payload();
        int food = s.programme().equals("food") ? 1 : 0;
        batchStats[food][t.batchClass()][0]++;
        if (s.verdict() == Verdict.FAIL) {
          batchStats[food][t.batchClass()][1]++;
        }
      }
    }
    return t.event();
  }

  Map<String, List<String>> caused() {
    return caused;
  }

  long[] typeCounts() {
    return typeCounts;
  }

  long emitted() {
    return emitted;
  }

  long redeliveries() {
    return redeliveries;
  }

  long[][][] batchStats() {
    return batchStats;
  }

  // ---- one day ---------------------------------------------------------------------------

  private List<Tagged> generate(int d) {
    LocalDate date = w.date(d);
    SplittableRandom r = Rand.stream(w.seed, World.P_DAY, d);
    List<Tagged> out = new ArrayList<>();
    List<ComplaintSpec> complaints = new ArrayList<>();
    List<Tagged> p = pending.remove(d);
    if (p != null) {
      out.addAll(p);
    }
    List<ComplaintSpec> pc = pendingComplaints.remove(d);
    if (pc != null) {
      complaints.addAll(pc);
    }
    for (World.Scheduled s : w.scheduled.get(d)) {
      out.add(new Tagged(s.event(), s.incident()));
    }
    batchSeq = 0;
    complaints(d, date, r, complaints);
    sampling(d, date, r, out);
    inspections(d, date, r, out);
    enforcement(d, date, r, out);
    if (incidents) {
      incidentDay(d, date, Rand.stream(w.seed, World.P_INCIDENT_DAY, d), out, complaints);
    }
    finishComplaints(d, date, complaints, out);
    out.sort(ORDER);
    return out;
  }

  // ---- complaints ------------------------------------------------------------------------

  private void complaints(int d, LocalDate date, SplittableRandom r, List<ComplaintSpec> out) {
    double mean =
        w.complaintAlias.total()
            / 365.0
            * ChinaCalendar.complaintFactor(date)
            / w.complaintNorm
            / EPISODE_MEAN;
    int k = w.complaintAlias.isEmpty() ? 0 : Rand.poisson(r, mean);
    for (int i = 0; i < k; i++) {
      int e = w.complaintAlias.draw(r);
      episode(d, date, e, r.split(), out, null, null, null, -1, true);
    }
  }

  /**
   * One consumer's complaint, plus for baseline episodes the realistic extras: other consumers with
   * the same problem within hours (a burst), the same person again through another channel, and an
   * exact re-delivery of the record (duplicates are normal in 12315 exports).
   */
  private void episode(
      int d,
      LocalDate date,
      int e,
      SplittableRandom cr,
      List<ComplaintSpec> out,
      String incident,
      ComplaintKind forcedKind,
      String forcedText,
      int forcedCategory,
      boolean extras) {
    ComplaintKind kind = forcedKind;
    if (kind == null) {
      double u = cr.nextDouble();
      kind =
          u < 0.445
              ? ComplaintKind.COMPLAINT
              : u < 0.605 ? ComplaintKind.REPORT : ComplaintKind.CONSULTATION;
    }
    int cat = forcedCategory >= 0 ? forcedCategory : complaintCategory(e, cr);
    boolean catering = w.kind(e) == CATERING;
    String product = cat >= 0 ? w.categoryShort[cat] : catering ? "餐饮服务" : "商品";
    String text = forcedText;
    if (text == null) {
      Family fam = cat >= 0 ? w.categoryFamily[cat] : Family.GENERIC;
      boolean service = cat < 0 && !catering;
      text =
          service
              ? Vocab.serviceText(cr, kind)
              : switch (kind) {
                case COMPLAINT -> Vocab.complaintText(cr, fam, product, catering);
                case REPORT -> Vocab.reportText(cr, product);
                case CONSULTATION -> Vocab.consultationText(cr, product);
              };
    }
    String home =
        cr.nextDouble() < 0.7 ? w.countyCode[w.county[e]] : w.countyCode[w.countyAlias.draw(cr)];
    Complainant who = PersonalData.complainant(cr, home, date);
    String shared = text;
    if (cr.nextDouble() < 0.1) {
      // Free text carrying personal data: what masking most often misses.
      text = text + "请尽快回电" + who.phone() + "。";
    }
    int second = ChinaCalendar.complaintSecond(cr);
    String channel = CHANNELS[Rand.weighted(cr, CHANNEL_WEIGHTS)];
    String catCode = cat >= 0 ? w.categories[cat].code() : null;
    ComplaintSpec s = spec(second, cr, e, kind, channel, catCode, text, who, incident);
    s.redeliver = cr.nextDouble() < 0.005;
    add(d, s, out);
    if (!extras) {
      return;
    }
    if (cr.nextDouble() < 0.18) {
      int more = 1;
      while (more < 7 && cr.nextDouble() < 0.5) {
        more++;
      }
      for (int i = 0; i < more; i++) {
        Complainant other = PersonalData.complainant(cr, home, date);
        int sec = second + cr.nextInt(6 * 3600);
        add(
            d,
            spec(
                sec,
                cr,
                e,
                ComplaintKind.COMPLAINT,
                CHANNELS[Rand.weighted(cr, CHANNEL_WEIGHTS)],
                catCode,
                shared,
                other,
                incident),
            out);
      }
    }
    if (cr.nextDouble() < 0.05) {
      int sec = second + Rand.between(cr, 3600, 48 * 3600);
      String ch = CHANNELS[Rand.weighted(cr, CHANNEL_WEIGHTS)];
      add(d, spec(sec, cr, e, kind, ch, catCode, "再次反映：" + text, who, incident), out);
    }
  }

  private ComplaintSpec spec(
      int second,
      SplittableRandom cr,
      int e,
      ComplaintKind kind,
      String channel,
      String category,
      String text,
      Complainant who,
      String incident) {
    ComplaintSpec s = new ComplaintSpec();
    s.second = second;
    s.tie = cr.nextLong();
    s.enterprise = e;
    s.kind = kind;
    s.channel = channel;
    s.category = category;
    s.text = text;
    s.who = who;
    s.incident = incident;
    return s;
  }

  /** Files a spec under its day; seconds past midnight roll over to later days. */
  private void add(int d, ComplaintSpec s, List<ComplaintSpec> today) {
    int target = d + s.second / 86_400;
    s.second %= 86_400;
    if (target == d) {
      today.add(s);
    } else if (target < w.days) {
      pendingComplaints.computeIfAbsent(target, k -> new ArrayList<>()).add(s);
    }
  }

  private int complaintCategory(int e, SplittableRandom r) {
    return switch (w.kind(e)) {
      case MANUFACTURER -> w.cat2[e] >= 0 && r.nextDouble() < 0.4 ? w.cat2[e] : w.cat1[e];
      case SELLER -> w.sellerCategory(e, r);
      case CATERING -> w.cateringCategory(e, r);
      default -> -1;
    };
  }

  private void finishComplaints(
      int d, LocalDate date, List<ComplaintSpec> specs, List<Tagged> out) {
    specs.sort(
        (a, b) ->
            a.second != b.second
                ? Integer.compare(a.second, b.second)
                : Long.compare(a.tie, b.tie));
    String prefix = "12315" + date.format(YMD);
    int seq = 0;
    for (ComplaintSpec s : specs) {
      Complaint c =
          new Complaint(prefix + World.pad(++seq, 6), s.kind, s.channel, s.category, s.text, s.who);
      EventEnvelope env = w.enterpriseEvent(d, s.second, s.enterprise, c);
      out.add(new Tagged(env, s.incident));
      if (s.redeliver) {
        out.add(new Tagged(env, s.incident, true, -1));
      }
    }
  }

  // ---- sampling --------------------------------------------------------------------------

  private void sampling(int d, LocalDate date, SplittableRandom r, List<Tagged> out) {
    if (w.samplingAlias.isEmpty()) {
      return;
    }
    double mean = w.samplingAlias.total() * ChinaCalendar.workFactor(date) / w.workNorm;
    int k = Rand.poisson(r, mean);
    for (int i = 0; i < k; i++) {
      int e = w.samplingAlias.draw(r);
      batch(d, e, r.split(), out, null, -1, null);
    }
  }

  /**
   * One sampled batch → a PRODUCER and/or SELLER event. For a re-inspection (复查) {@code recheckOf}
   * is the original batch id and {@code fixedCategory} its category.
   */
  private void batch(
      int d,
      int e,
      SplittableRandom br,
      List<Tagged> out,
      String recheckOf,
      int fixedCategory,
      String inheritedTag) {
    int kind = w.kind(e);
    int cat;
    int producer = -1;
    int seller = -1;
    boolean recheck = recheckOf != null;
    if (kind == MANUFACTURER) {
      cat =
          recheck ? fixedCategory : w.cat2[e] >= 0 && br.nextDouble() < 0.4 ? w.cat2[e] : w.cat1[e];
      producer = e;
      if (!recheck && br.nextDouble() < 0.4) {
        int[] s = w.sellersByProvince[w.provinceOf(e)];
        if (s.length > 0) {
          seller = s[br.nextInt(s.length)];
        }
      }
    } else if (kind == SELLER) {
      cat = recheck ? fixedCategory : w.sellerCategory(e, br);
      seller = e;
      if (!recheck && cat >= 0) {
        int[] ps = w.categoryProducers[cat];
        if (ps.length > 0 && br.nextDouble() < 0.7) {
          producer = ps[br.nextInt(ps.length)];
        }
      }
    } else {
      cat = recheck ? fixedCategory : w.cateringCategory(e, br);
      seller = e;
    }
    if (cat < 0) {
      return;
    }
    boolean food = w.categoryFood[cat];
    String programme;
    if (food) {
      programme = "food";
    } else {
      double u = br.nextDouble();
      programme =
          u < 0.1
              ? "national-supervision"
              : u < 0.5 ? "provincial-supervision" : "city-supervision";
    }
    int resp = producer >= 0 ? producer : e;
    double p = Math.min(0.9, World.failureRate(food, w.size[resp]) * w.quality[resp]);
    double u = br.nextDouble();
    boolean fail = u < p;
    String tag = inheritedTag;
    Item forced = null;
    boolean waveTag = false;
    if (incidents && !fail) {
      if (producer >= 0) {
        for (IncidentPlan.Wave wave : waves) {
          if (wave.affects(d, cat, w.cityOf(producer)) && u < wave.failProbability()) {
            fail = true;
            tag = wave.id();
            forced = wave.hazard();
            waveTag = true;
            break;
          }
        }
      }
      IncidentPlan.Deteriorating dt = deterioratingByEnterprise.get(resp);
      if (!fail && dt != null) {
        double pd = p + (dt.maxFailure() - p) * dt.ramp(d);
        if (u < pd) {
          fail = true;
          tag = dt.id();
        }
      }
    }
    int failures = 0;
    if (fail) {
      double v = br.nextDouble();
      failures = 1 + (v < 0.2 ? 1 : 0) + (v < 0.05 ? 1 : 0);
    }
    double[] hazardWeights = food ? new double[] {0.35, 0.45, 0.2} : new double[] {0.4, 0.4, 0.2};
    List<TestedItem> items =
        TestItems.batch(w.categoryFamily[cat], br, failures, hazardWeights, forced);
    Verdict verdict = fail ? Verdict.FAIL : Verdict.PASS;
    int locProv = w.provinceOf(seller >= 0 ? seller : e);
    int[] ls = w.labsByProvince[locProv];
    int lab = ls.length > 0 ? ls[br.nextInt(ls.length)] : w.labs[br.nextInt(w.labs.length)];
    String labCode = w.institutions[lab].creditCode();
    LocalDate date = w.date(d);
    String batchId =
        recheck
            ? "FC" + recheckOf.substring(2)
            : (food ? "SP" : "CC")
                + World.pad(date.getYear() % 100, 2)
                + w.provinceCode[locProv]
                + World.pad(date.getDayOfYear(), 3)
                + World.pad(++batchSeq, 6);
    String productName = Vocab.tradeName(br, 2) + w.categoryShort[cat];
    String catCode = w.categories[cat].code();
    int second = ChinaCalendar.officeSecond(br);
    int batchClass = w.size[resp];
    if (producer >= 0) {
      String sellerName = seller >= 0 ? w.enterprises[seller].name() : null;
      SamplingResult s =
          new SamplingResult(
              batchId,
              programme,
              date,
              catCode,
              productName,
              SampledRole.PRODUCER,
              labCode,
              items,
              verdict,
              sellerName);
      out.add(new Tagged(w.enterpriseEvent(d, second, producer, s), tag, false, batchClass));
    }
    if (seller >= 0) {
      String other =
          producer >= 0
              ? w.enterprises[producer].name()
              : kind == CATERING ? null : externalProducer(br, cat);
      SamplingResult s =
          new SamplingResult(
              batchId,
              programme,
              date,
              catCode,
              productName,
              SampledRole.SELLER,
              labCode,
              items,
              verdict,
              other);
      out.add(
          new Tagged(
              w.enterpriseEvent(d, second, seller, s),
              tag,
              false,
              producer >= 0 ? -1 : batchClass));
    }
    if (!fail) {
      return;
    }
    // Follow-ups of a failed batch: penalty, re-inspection, recall of dangerous products.
    double penaltyP = food ? 0.5 : 0.35;
    String catName = w.categories[cat].name();
    if (br.nextDouble() < penaltyP) {
      String violation = (producer >= 0 ? "生产不合格产品（" : "销售不合格产品（") + catName + "）";
      later(d + Rand.between(br, 15, 90), resp, br, penalty(d, resp, br, violation, catCode), tag);
    }
    if (producer >= 0 && seller >= 0 && br.nextDouble() < 0.15) {
      later(
          d + Rand.between(br, 15, 90),
          seller,
          br,
          penalty(d, seller, br, "销售不合格产品（" + catName + "）", catCode),
          tag);
    }
    if (!recheck && br.nextDouble() < 0.6) {
      int rd = d + Rand.between(br, 20, 60);
      if (rd < w.days) {
        List<Tagged> target = pending.computeIfAbsent(rd, k2 -> new ArrayList<>());
        batch(rd, resp, br.split(), target, batchId, cat, tag);
      }
    }
    boolean dangerous = false;
    for (TestedItem it : items) {
      dangerous |= !it.passed() && it.hazardClass() == HazardClass.SAFETY_CRITICAL;
    }
    if (producer >= 0 && dangerous && br.nextDouble() < (waveTag ? 0.25 : 0.05)) {
      int rd = d + Rand.between(br, 5, 40);
      later(
          rd,
          producer,
          br,
          recall(d, producer, cat, br, HazardClass.SAFETY_CRITICAL, br.nextDouble() < 0.3),
          tag);
    }
  }

  private String externalProducer(SplittableRandom r, int cat) {
    String prov =
        Vocab.shortName(
            Rand.pick(
                r, new String[] {"河北省", "河南省", "湖北省", "安徽省", "江西省", "湖南省", "四川省", "广西壮族自治区"}));
    String word = w.categoryFood[cat] ? "食品" : "制品";
    return prov + Vocab.tradeName(r, 2) + word + "有限公司";
  }

  // ---- inspections -----------------------------------------------------------------------

  private void inspections(int d, LocalDate date, SplittableRandom r, List<Tagged> out) {
    int n = w.enterprises.length;
    double mean = INSPECTIONS_PER_ENTERPRISE_YEAR * n * ChinaCalendar.workFactor(date) / w.workNorm;
    int k = Rand.poisson(r, mean);
    String ymd = date.format(YMD);
    for (int i = 0; i < k; i++) {
      int e = w.inspectionAlias.draw(r);
      SplittableRandom ir = r.split();
      int city = w.cityOf(e);
      int[] pool = w.inspectorsByCity[city];
      if (pool.length < 2) {
        pool = w.inspectorsByProvince[w.provinceOf(e)];
      }
      List<String> ids = new ArrayList<>(2);
      if (pool.length == 0) {
        ids.add(w.inspectors[ir.nextInt(w.inspectors.length)].inspectorId());
      } else {
        int a = pool[ir.nextInt(pool.length)];
        ids.add(w.inspectors[a].inspectorId());
        if (pool.length > 1) {
          int b;
          do {
            b = pool[ir.nextInt(pool.length)];
          } while (b == a);
          ids.add(w.inspectors[b].inspectorId());
        }
      }
      double q = w.quality[e];
      double pNf = w.size[e] == MICRO ? 0.05 : 0.005;
      double pSer = 0.012 * q;
      double pIss = 0.14 * q;
      double u = ir.nextDouble();
      InspectionOutcome outcome =
          u < pNf
              ? InspectionOutcome.NOT_FOUND_AT_ADDRESS
              : u < pNf + pSer
                  ? InspectionOutcome.SERIOUS_VIOLATION
                  : u < pNf + pSer + pIss
                      ? InspectionOutcome.ISSUES_FOUND
                      : InspectionOutcome.NO_ISSUES;
      String tag = null;
      IncidentPlan.Deteriorating dt = incidents ? deterioratingByEnterprise.get(e) : null;
      if (dt != null
          && outcome == InspectionOutcome.NO_ISSUES
          && u < pNf + pSer + pIss + 0.45 * dt.ramp(d)) {
        outcome = InspectionOutcome.ISSUES_FOUND;
        tag = dt.id();
      }
      int findings =
          switch (outcome) {
            case ISSUES_FOUND -> Rand.between(ir, 1, 4);
            case SERIOUS_VIOLATION -> Rand.between(ir, 2, 6);
            default -> 0;
          };
      String plan = "SJ" + ymd.substring(0, 6) + "-" + w.cityCode[city];
      String id = "JC" + ymd + World.pad(i + 1, 5);
      InspectionResult res = new InspectionResult(id, plan, ids, outcome, findings);
      out.add(new Tagged(w.enterpriseEvent(d, ChinaCalendar.officeSecond(ir), e, res), tag));
      switch (outcome) {
        case SERIOUS_VIOLATION -> {
          if (ir.nextDouble() < 0.8) {
            later(
                d + Rand.between(ir, 10, 60), e, ir, penalty(d, e, ir, "现场检查发现严重违法行为", null), tag);
          }
          if (ir.nextDouble() < 0.08) {
            later(
                d + Rand.between(ir, 60, 150),
                e,
                ir,
                listing(d, e, EnforcementAction.BLACKLIST_LISTED, "因严重违法行为被列入严重违法失信名单"),
                tag);
          }
        }
        case NOT_FOUND_AT_ADDRESS -> {
          if (ir.nextDouble() < 0.85) {
            later(
                d + Rand.between(ir, 5, 30),
                e,
                ir,
                listing(d, e, EnforcementAction.ABNORMAL_OPERATION_LISTED, "通过登记的住所或者经营场所无法联系"),
                tag);
          }
        }
        case ISSUES_FOUND -> {
          if (ir.nextDouble() < 0.1) {
            later(d + Rand.between(ir, 15, 60), e, ir, penalty(d, e, ir, "逾期未按要求整改", null), tag);
          }
        }
        default -> {}
      }
    }
  }

  // ---- enforcement, recalls, baseline abuse ----------------------------------------------

  private void enforcement(int d, LocalDate date, SplittableRandom r, List<Tagged> out) {
    int n = w.enterprises.length;
    double f = n * ChinaCalendar.workFactor(date) / w.workNorm;
    int penalties = Rand.poisson(r, PENALTIES_PER_ENTERPRISE_YEAR * f);
    for (int i = 0; i < penalties; i++) {
      int e = w.enforcementAlias.draw(r);
      SplittableRandom er = r.split();
      String[] vs =
          switch (w.kind(e)) {
            case MANUFACTURER -> Vocab.VIOLATIONS_MANUFACTURER;
            case SELLER -> Vocab.VIOLATIONS_SELLER;
            case CATERING -> Vocab.VIOLATIONS_CATERING;
            default -> Vocab.VIOLATIONS_OTHER;
          };
      out.add(now(d, e, er, penalty(d, e, er, Rand.pick(er, vs), null)));
    }
    listings(
        out,
        d,
        r,
        ABNORMAL_PER_ENTERPRISE_YEAR * f,
        EnforcementAction.ABNORMAL_OPERATION_LISTED,
        "未按规定期限公示年度报告");
    listings(
        out,
        d,
        r,
        BLACKLIST_PER_ENTERPRISE_YEAR * f,
        EnforcementAction.BLACKLIST_LISTED,
        "因同一性质违法行为受到两次以上较重行政处罚");
    listings(
        out,
        d,
        r,
        UNLIST_PER_ENTERPRISE_YEAR * f,
        EnforcementAction.BLACKLIST_REMOVED,
        "完成信用修复，移出严重违法失信名单");
    if (!w.recallAlias.isEmpty()) {
      int recalls = Rand.poisson(r, RECALLS_PER_ENTERPRISE_YEAR * f);
      for (int i = 0; i < recalls; i++) {
        int e = w.recallAlias.draw(r);
        SplittableRandom rr = r.split();
        double u = rr.nextDouble();
        HazardClass h =
            u < 0.5 ? HazardClass.SAFETY_CRITICAL : u < 0.9 ? HazardClass.MAJOR : HazardClass.MINOR;
        out.add(now(d, e, rr, recall(d, e, w.cat1[e], rr, h, rr.nextDouble() < 0.15)));
      }
    }
    if (w.bodies.length > 0) {
      int abuse = Rand.poisson(r, ABUSE_PER_ENTERPRISE_YEAR * f);
      for (int i = 0; i < abuse; i++) {
        int e = w.enforcementAlias.draw(r);
        SplittableRandom ar = r.split();
        int body = w.bodies[ar.nextInt(w.bodies.length)];
        CertificateType type = ar.nextDouble() < 0.6 ? CertificateType.QMS : CertificateType.CCC;
        String certId =
            Schedules.certificateId(body, date.getYear(), type, 5_000_000L + ar.nextInt(4_000_000));
        CertificateEvent ev =
            new CertificateEvent(
                certId,
                type,
                CertificateTransition.ABUSE,
                w.institutions[body].creditCode(),
                null,
                Rand.pick(ar, Vocab.CERT_ABUSE_REASONS));
        out.add(new Tagged(w.enterpriseEvent(d, ChinaCalendar.officeSecond(ar), e, ev), null));
      }
    }
  }

  private EnforcementEvent penalty(
      int d, int e, SplittableRandom r, String violation, String category) {
    int ct = w.county[e];
    double fine =
        Math.max(500.0, Math.round(Rand.lognormal(r, FINE_MEDIAN[w.size[e]], 0.8) / 100.0) * 100.0);
    String caseNo = w.countyName[ct] + "市监处罚〔" + w.date(d).getYear() + "〕" + (++caseSeq[ct]) + "号";
    return new EnforcementEvent(
        caseNo, EnforcementAction.PENALTY, w.countyAuthority[ct], fine, violation, category);
  }

  /** A Poisson number of list entries (or removals) of the day, at enterprises drawn by risk. */
  private void listings(
      List<Tagged> out,
      int d,
      SplittableRandom r,
      double rate,
      EnforcementAction action,
      String reason) {
    int n = Rand.poisson(r, rate);
    for (int i = 0; i < n; i++) {
      int e = w.enforcementAlias.draw(r);
      out.add(now(d, e, r.split(), listing(d, e, action, reason)));
    }
  }

  private EnforcementEvent listing(int d, int e, EnforcementAction action, String reason) {
    int ct = w.county[e];
    String kind = action == EnforcementAction.ABNORMAL_OPERATION_LISTED ? "异" : "失";
    String caseNo =
        w.countyName[ct] + "市监" + kind + "〔" + w.date(d).getYear() + "〕" + (++caseSeq[ct]) + "号";
    return new EnforcementEvent(caseNo, action, w.countyAuthority[ct], null, reason, null);
  }

  private Recall recall(int d, int e, int cat, SplittableRandom r, HazardClass h, boolean ordered) {
    String id = "ZH" + w.date(d).getYear() + World.pad(++recallSeq, 6);
    String catCode = cat >= 0 ? w.categories[cat].code() : null;
    String product = cat >= 0 ? Vocab.tradeName(r, 2) + w.categoryShort[cat] : "产品";
    long units =
        Math.max(
            50, Math.round(Rand.lognormal(r, 2000 * new double[] {1, 3, 10, 40}[w.size[e]], 1.0)));
    return new Recall(id, catCode, product, units, ordered, h);
  }

  private Tagged now(int d, int e, SplittableRandom r, EventPayload p) {
    return new Tagged(w.enterpriseEvent(d, ChinaCalendar.officeSecond(r), e, p), null);
  }

  /** Queues a follow-up for a later day; follow-ups past the period end never happen. */
  private void later(int target, int e, SplittableRandom r, EventPayload p, String tag) {
    int second = ChinaCalendar.officeSecond(r);
    if (target < w.days) {
      pending
          .computeIfAbsent(target, k -> new ArrayList<>())
          .add(new Tagged(w.enterpriseEvent(target, second, e, p), tag));
    }
  }

  // ---- incidents -------------------------------------------------------------------------

  private void incidentDay(
      int d, LocalDate date, SplittableRandom r, List<Tagged> out, List<ComplaintSpec> complaints) {
    for (IncidentPlan.Surge s : surges) {
      if (d >= s.from() && d <= s.to()) {
        int k = Rand.poisson(r, s.perDay());
        for (int i = 0; i < k; i++) {
          ComplaintKind kind =
              r.nextDouble() < 0.85 ? ComplaintKind.COMPLAINT : ComplaintKind.REPORT;
          episode(
              d, date, s.enterprise(), r.split(), complaints, s.id(), kind, s.text(), -1, false);
        }
      }
    }
    for (IncidentPlan.RegionalSurge s : regionals) {
      if (d >= s.from() && d <= s.to()) {
        int k = Rand.poisson(r, s.perDay());
        for (int i = 0; i < k; i++) {
          int e = s.members()[Rand.weighted(r, s.weights())];
          String text = r.nextDouble() < 0.5 ? s.text() : null;
          episode(
              d, date, e, r.split(), complaints, s.id(), ComplaintKind.COMPLAINT, text, -1, false);
        }
      }
    }
    for (IncidentPlan.Wave wave : waves) {
      if (d >= wave.from() && d <= wave.to() && wave.producers().length > 0) {
        int k = Rand.poisson(r, wave.complaintsPerDay());
        for (int i = 0; i < k; i++) {
          int e = wave.producers()[r.nextInt(wave.producers().length)];
          episode(
              d,
              date,
              e,
              r.split(),
              complaints,
              wave.id(),
              ComplaintKind.COMPLAINT,
              null,
              wave.category(),
              false);
        }
      }
    }
    for (IncidentPlan.Deteriorating dt : deteriorating) {
      double ramp = dt.ramp(d);
      if (ramp > 0) {
        double base = Math.max(w.complaintRate[dt.enterprise()] / 365.0, 0.01);
        int k = Rand.poisson(r, base * (dt.complaintMultiplier() - 1) * ramp);
        for (int i = 0; i < k; i++) {
          episode(d, date, dt.enterprise(), r.split(), complaints, dt.id(), null, null, -1, false);
        }
      }
    }
    for (IncidentPlan.Ring ring : rings) {
      for (int i = 0; i < ring.reportDays().length; i++) {
        if (ring.reportDays()[i] == d) {
          String text = "举报该企业冒用" + w.institutions[ring.body()].name() + "颁发的认证证书，产品实际未获认证。";
          episode(
              d,
              date,
              ring.reportMembers()[i],
              r.split(),
              complaints,
              ring.id(),
              ComplaintKind.REPORT,
              text,
              -1,
              false);
        }
      }
    }
  }
}

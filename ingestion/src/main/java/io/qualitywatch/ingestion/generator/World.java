package io.qualitywatch.ingestion.generator;

import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.CreditCode;
import io.qualitywatch.ingestion.codes.IndustryDivision;
import io.qualitywatch.ingestion.codes.ProductCategory;
import io.qualitywatch.ingestion.codes.Region;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventPayload;
import io.qualitywatch.ingestion.contract.SourceRef;
import io.qualitywatch.ingestion.generator.TestItems.Family;
import io.qualitywatch.ingestion.reference.Enterprise;
import io.qualitywatch.ingestion.reference.Enterprise.SizeClass;
import io.qualitywatch.ingestion.reference.Inspector;
import io.qualitywatch.ingestion.reference.Institution;
import io.qualitywatch.ingestion.reference.Institution.InstitutionKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The generated population: the public registers (enterprises, institutions, inspectors) plus the
 * hidden attributes that drive event rates (quality, complaint intensity, what each enterprise
 * makes). Built once per {@link DataGenerator}; immutable afterwards, so event runs can be
 * repeated.
 */
final class World {
  static final SourceRef SOURCE = SourceRef.of("generator");

  static final int MANUFACTURER = 0;
  static final int SELLER = 1;
  static final int CATERING = 2;
  static final int OTHER = 3;

  static final int MICRO = 0;
  static final int SMALL = 1;
  static final int MEDIUM = 2;
  static final int LARGE = 3;
  static final SizeClass[] SIZE_CLASSES = {
    SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE
  };

  /** Size-class shares of the register: heavy-tailed, as in the national economic census. */
  static final double[] SIZE_SHARES = {0.85, 0.12, 0.025, 0.005};

  /** Division institutions are filed under: M74 professional technical services (质检技术服务). */
  static final String INSTITUTION_INDUSTRY = "M74";

  // Purposes of independent random streams (see Rand.stream).
  static final long P_REFERENCE = 1;
  static final long P_CERTIFICATES = 2;
  static final long P_INSTITUTION_EVENTS = 3;
  static final long P_TRADE = 4;
  static final long P_INCIDENT_PLAN = 5;
  static final long P_DAY = 6;
  static final long P_INCIDENT_DAY = 7;

  final GeneratorConfig config;
  final CodeTables codes;
  final long seed;
  final LocalDate start;
  final int days;
  final long[] dayStartEpoch;

  /** Mean of the seasonal factors over a year from {@code start}, so annual rates stay annual. */
  final double complaintNorm;

  final double workNorm;

  // geography
  final String[] countyCode;
  final String[] countyName;
  final String[] countyAuthority;
  final int[] countyCity;
  final String[] cityCode;
  final String[] cityShort;
  final int[] cityProvince;
  final String[] provinceCode;
  final String[] provinceShort;
  final Rand.Alias countyAlias;

  // industries and products
  final String[] industryCode;
  final int[] industryKind;
  final int[][] industryCategories;
  final boolean hasInstitutionIndustry;
  final ProductCategory[] categories;
  final Family[] categoryFamily;
  final boolean[] categoryFood;
  final int[] foodCategories;
  final int[] nonFoodCategories;
  final int[][] categoryProducers;

  /** Short product word per category (茶叶 for 茶叶及相关制品): product names and complaint texts. */
  final String[] categoryShort;

  /** What shops sell, food and non-food, for F52 retail and F51 wholesale. */
  final int[][] retailCategories;

  final int[][] wholesaleCategories;

  // enterprises
  final Enterprise[] enterprises;
  final byte[] size;
  final short[] industry;
  final int[] county;
  final float[] quality;
  final float[] complaintRate;

  /** Expected sampled batches per year (the weight of the sampling alias). */
  final float[] samplingWeight;

  final short[] cat1;
  final short[] cat2;
  final Rand.Alias complaintAlias;
  final Rand.Alias samplingAlias;
  final Rand.Alias inspectionAlias;
  final Rand.Alias enforcementAlias;
  final Rand.Alias recallAlias;
  final int[][] sellersByProvince;

  // institutions and inspectors
  final Institution[] institutions;
  final float[] institutionQuality;
  final int[] labs;
  final int[] bodies;
  final int[][] labsByProvince;
  final Rand.Alias bodyAlias;
  final Inspector[] inspectors;
  final int[][] inspectorsByCity;
  final int[][] inspectorsByProvince;

  /** Events known before the run (certificates, institution reports, trade notices) by day. */
  final List<List<Scheduled>> scheduled;

  /** Certificate ids per certification body, for abuse rings that borrow real numbers. */
  final Map<Integer, List<String[]>> certificatesByBody = new HashMap<>();

  final List<IncidentPlan> plans = new ArrayList<>();

  /** An event fixed in advance, with the incident that caused it (or null). */
  record Scheduled(EventEnvelope event, String incident) {}

  World(GeneratorConfig config) {
    this.config = config;
    this.codes = CodeTables.get();
    this.seed = config.seed();
    this.start = config.start();
    this.days = config.days();
    dayStartEpoch = new long[days + 1];
    for (int d = 0; d <= days; d++) {
      dayStartEpoch[d] = start.plusDays(d).atStartOfDay(ChinaCalendar.CST).toEpochSecond();
    }
    double c = 0;
    double w = 0;
    for (int d = 0; d < 365; d++) {
      c += ChinaCalendar.complaintFactor(start.plusDays(d));
      w += ChinaCalendar.workFactor(start.plusDays(d));
    }
    complaintNorm = c / 365;
    workNorm = w;

    SplittableRandom r = Rand.stream(seed, P_REFERENCE, 0);

    // ---- geography ----
    List<Region> selected = new ArrayList<>();
    Set<String> wanted = new HashSet<>(config.provinces());
    for (Region reg : codes.counties()) {
      String p = reg.code().substring(0, 2);
      boolean mainland = !(p.equals("71") || p.equals("81") || p.equals("82"));
      if (mainland && (wanted.isEmpty() || wanted.contains(p)) && !isPlaceholder(reg.name())) {
        selected.add(reg);
      }
    }
    if (selected.isEmpty()) {
      throw new IllegalArgumentException(
          "no county-level regions found for provinces " + config.provinces());
    }
    for (String p : wanted) {
      if (selected.stream().noneMatch(reg -> reg.code().startsWith(p))) {
        throw new IllegalArgumentException("province " + p + " has no counties in GB/T 2260");
      }
    }
    selected.sort((a, b) -> a.code().compareTo(b.code()));
    int nc = selected.size();
    countyCode = new String[nc];
    countyName = new String[nc];
    countyAuthority = new String[nc];
    countyCity = new int[nc];
    Map<String, Integer> cityIndex = new LinkedHashMap<>();
    Map<String, Integer> provinceIndex = new LinkedHashMap<>();
    List<String> cityCodes = new ArrayList<>();
    List<String> cityShorts = new ArrayList<>();
    List<Integer> cityProv = new ArrayList<>();
    List<String> provCodes = new ArrayList<>();
    List<String> provShorts = new ArrayList<>();
    double[] countyWeights = new double[nc];
    for (int i = 0; i < nc; i++) {
      Region reg = selected.get(i);
      String code = reg.code();
      String p2 = code.substring(0, 2);
      int pi =
          provinceIndex.computeIfAbsent(
              p2,
              k -> {
                provCodes.add(k);
                provShorts.add(
                    Vocab.shortName(codes.region(k + "0000").map(Region::name).orElse(k)));
                return provCodes.size() - 1;
              });
      String cc = code.substring(0, 4) + "00";
      String cityName =
          codes
              .region(cc)
              .map(Region::name)
              .filter(n -> !isPlaceholder(n))
              .orElse(isMunicipality(p2) ? provShorts.get(pi) + "市" : reg.name());
      int ci =
          cityIndex.computeIfAbsent(
              cc,
              k -> {
                cityCodes.add(k);
                cityShorts.add(Vocab.shortName(cityName));
                cityProv.add(pi);
                return cityCodes.size() - 1;
              });
      countyCode[i] = code;
      countyName[i] = reg.name();
      countyCity[i] = ci;
      countyAuthority[i] =
          (reg.name().equals(cityName) ? cityName : cityName + reg.name()) + "市场监督管理局";
      // Urban districts hold more firms; a log-normal spread gives dense and sparse counties.
      countyWeights[i] = Rand.lognormalMean1(r, 0.9) * (reg.name().endsWith("区") ? 1.8 : 1.0);
    }
    cityCode = cityCodes.toArray(String[]::new);
    cityShort = cityShorts.toArray(String[]::new);
    cityProvince = cityProv.stream().mapToInt(Integer::intValue).toArray();
    provinceCode = provCodes.toArray(String[]::new);
    provinceShort = provShorts.toArray(String[]::new);
    countyAlias = new Rand.Alias(countyWeights);

    // ---- industries ----
    List<String> indCodes = new ArrayList<>();
    List<String[]> indWords = new ArrayList<>();
    List<Double> indWeights = new ArrayList<>();
    double mixTotal = 0;
    for (Vocab.IndustryMix m : Vocab.INDUSTRIES) {
      if (codes.isIndustry(m.code())) {
        indCodes.add(m.code());
        indWords.add(m.words());
        indWeights.add(m.weight());
        mixTotal += m.weight();
      }
    }
    List<String> tail = new ArrayList<>();
    for (IndustryDivision div : codes.industries()) {
      String s = div.section();
      if (!indCodes.contains(div.code())
          && !div.code().equals(INSTITUTION_INDUSTRY)
          && !"S".equals(s)
          && !"T".equals(s)) {
        tail.add(div.code());
      }
    }
    tail.sort(String::compareTo);
    for (String t : tail) {
      indCodes.add(t);
      indWords.add(Vocab.TAIL_WORDS);
      indWeights.add(mixTotal * Vocab.TAIL_SHARE / (1 - Vocab.TAIL_SHARE) / tail.size());
    }
    if (indCodes.isEmpty()) {
      throw new IllegalStateException("code tables have no industry divisions");
    }
    hasInstitutionIndustry = codes.isIndustry(INSTITUTION_INDUSTRY);
    int ni = indCodes.size();
    industryCode = indCodes.toArray(String[]::new);
    industryKind = new int[ni];
    double[] indW = new double[ni];
    for (int i = 0; i < ni; i++) {
      String code = industryCode[i];
      industryKind[i] =
          code.startsWith("C")
              ? MANUFACTURER
              : code.equals("F51") || code.equals("F52")
                  ? SELLER
                  : code.equals("H62") ? CATERING : OTHER;
      indW[i] = indWeights.get(i);
    }

    // ---- product categories ----
    categories = codes.productCategories().toArray(ProductCategory[]::new);
    Arrays.sort(categories, (a, b) -> a.code().compareTo(b.code()));
    categoryFamily = new Family[categories.length];
    categoryFood = new boolean[categories.length];
    List<Integer> food = new ArrayList<>();
    List<Integer> nonFood = new ArrayList<>();
    for (int i = 0; i < categories.length; i++) {
      categoryFamily[i] = TestItems.family(categories[i]);
      categoryFood[i] = categoryFamily[i] == Family.FOOD;
      (categoryFood[i] ? food : nonFood).add(i);
    }
    categoryShort = new String[categories.length];
    for (int i = 0; i < categories.length; i++) {
      String nm = categories[i].name();
      int cut = nm.length();
      for (String sep : new String[] {"、", "及", "和"}) {
        int k = nm.indexOf(sep);
        if (k > 0 && k < cut) {
          cut = k;
        }
      }
      categoryShort[i] = nm.substring(0, cut);
    }
    List<Integer> retailFood = new ArrayList<>();
    List<Integer> retailOther = new ArrayList<>();
    List<Integer> wholesaleOther = new ArrayList<>();
    for (int i = 0; i < categories.length; i++) {
      String g = categories[i].group() == null ? "" : categories[i].group();
      String code = categories[i].code();
      boolean plant = g.equals("special-equipment") || code.equals("FOOD-CATERING");
      boolean bulk =
          code.startsWith("BUILD-CEMENT")
              || code.startsWith("BUILD-STEEL")
              || code.equals("FOOD-ADDITIVE");
      if (plant) {
        continue;
      }
      if (categoryFood[i]) {
        retailFood.add(i);
      } else {
        wholesaleOther.add(i);
        if (!bulk && !g.equals("agricultural-input")) {
          retailOther.add(i);
        }
      }
    }
    retailCategories = new int[][] {toArray(retailFood), toArray(retailOther)};
    wholesaleCategories = new int[][] {toArray(retailFood), toArray(wholesaleOther)};
    foodCategories = food.stream().mapToInt(Integer::intValue).toArray();
    nonFoodCategories = nonFood.stream().mapToInt(Integer::intValue).toArray();
    industryCategories = new int[ni][];
    for (int i = 0; i < ni; i++) {
      List<Integer> l = new ArrayList<>();
      for (int c2 = 0; c2 < categories.length; c2++) {
        if (industryCode[i].equals(categories[c2].industryCode())) {
          l.add(c2);
        }
      }
      industryCategories[i] = l.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---- enterprises ----
    int n = config.enterprises();
    enterprises = new Enterprise[n];
    size = new byte[n];
    industry = new short[n];
    county = new int[n];
    quality = new float[n];
    complaintRate = new float[n];
    samplingWeight = new float[n];
    cat1 = new short[n];
    cat2 = new short[n];
    Set<String> names = new HashSet<>(Math.max(16, n * 2));
    Rand.Alias industryAlias = new Rand.Alias(indW);
    CodeMaker codeMaker = new CodeMaker(seed);
    LocalDate modernCodes = LocalDate.of(2015, 10, 1);
    LocalDate earliest = LocalDate.of(1990, 1, 1);
    double[] sampW = new double[n];
    double[] inspW = new double[n];
    double[] enfW = new double[n];
    double[] recW = new double[n];
    double[] complW = new double[n];
    for (int e = 0; e < n; e++) {
      int ct = countyAlias.draw(r);
      int ind = industryAlias.draw(r);
      double u = r.nextDouble();
      int sz = u < SIZE_SHARES[0] ? MICRO : u < 0.97 ? SMALL : u < 0.995 ? MEDIUM : LARGE;
      int kind = industryKind[ind];
      double meanAge = new double[] {5, 8, 12, 18}[sz];
      long ageDays =
          Math.max(
              20, Math.min(34 * 365, (long) (-StrictMath.log(1 - r.nextDouble()) * meanAge * 365)));
      LocalDate est = start.minusDays(ageDays);
      if (est.isBefore(earliest)) {
        est = earliest.plusDays(r.nextInt(3650));
      }
      char type = '1';
      if (sz == MICRO && (kind == SELLER || kind == CATERING) && r.nextDouble() < 0.3) {
        type = '2'; // 个体工商户
      } else if (sz == MICRO && industryCode[ind].equals("C13") && r.nextDouble() < 0.1) {
        type = '3'; // 农民专业合作社
      }
      String credit =
          CreditCode.complete(
              "9"
                  + type
                  + countyCode[ct]
                  + codeMaker.organisationCode(e, !est.isBefore(modernCodes)));
      String name = enterpriseName(r, names, ct, ind, sz, type, indWords.get(ind));
      double[] pt = point(ct, r);
      enterprises[e] =
          new Enterprise(
              credit, name, countyCode[ct], industryCode[ind], SIZE_CLASSES[sz], est, pt[0], pt[1]);
      size[e] = (byte) sz;
      industry[e] = (short) ind;
      county[e] = ct;
      double q = Rand.lognormalMean1(r, 0.6);
      quality[e] = (float) q;
      int[] cats = industryCategories[ind];
      cat1[e] = -1;
      cat2[e] = -1;
      if (kind == MANUFACTURER && cats.length > 0) {
        cat1[e] = (short) cats[r.nextInt(cats.length)];
        if (cats.length > 1 && r.nextDouble() < 0.3) {
          int c2 = cats[r.nextInt(cats.length)];
          cat2[e] = (short) (c2 == cat1[e] ? -1 : c2);
        }
      }
      double cr =
          complaintBase(industryCode[ind], kind)
              * new double[] {1, 2.5, 6, 20}[sz]
              * Rand.lognormalMean1(r, 1.4)
              * config.complaintRateScale();
      complaintRate[e] = (float) cr;
      complW[e] = cr;
      sampW[e] = samplingRate(e, kind) * new double[] {1, 1.5, 3, 6}[sz];
      samplingWeight[e] = (float) sampW[e];
      inspW[e] = new double[] {1.2, 1.0, 0.8, 0.6}[sz] * Math.sqrt(q) * (kind == OTHER ? 0.6 : 1.0);
      enfW[e] = q * (kind == OTHER ? 0.5 : 1.0) * (type == '2' ? 0.7 : 1.0);
      recW[e] =
          kind == MANUFACTURER && cat1[e] >= 0
              ? new double[] {1, 2, 5, 15}[sz] * (categoryFood[cat1[e]] ? 1 : 2)
              : 0;
    }
    names.clear();
    complaintAlias = new Rand.Alias(complW);
    samplingAlias = new Rand.Alias(sampW);
    inspectionAlias = new Rand.Alias(inspW);
    enforcementAlias = new Rand.Alias(enfW);
    recallAlias = new Rand.Alias(recW);

    List<List<Integer>> sellers = new ArrayList<>();
    for (int p = 0; p < provinceCode.length; p++) {
      sellers.add(new ArrayList<>());
    }
    List<List<Integer>> producers = new ArrayList<>();
    for (int c2 = 0; c2 < categories.length; c2++) {
      producers.add(new ArrayList<>());
    }
    for (int e = 0; e < n; e++) {
      if (industryCode[industry[e]].equals("F52") || industryCode[industry[e]].equals("F51")) {
        sellers.get(provinceOf(e)).add(e);
      }
      if (cat1[e] >= 0) {
        producers.get(cat1[e]).add(e);
      }
      if (cat2[e] >= 0) {
        producers.get(cat2[e]).add(e);
      }
    }
    sellersByProvince = toArrays(sellers);
    categoryProducers = toArrays(producers);

    // ---- institutions ----
    int m = config.effectiveInstitutions();
    int nb = Math.max(3, (int) Math.round(m * 0.12));
    institutions = new Institution[m];
    institutionQuality = new float[m];
    List<Integer> labList = new ArrayList<>();
    List<Integer> bodyList = new ArrayList<>();
    List<List<Integer>> labsProv = new ArrayList<>();
    for (int p = 0; p < provinceCode.length; p++) {
      labsProv.add(new ArrayList<>());
    }
    Set<String> instNames = new HashSet<>();
    for (int j = 0; j < m; j++) {
      boolean body = j < nb;
      int ct = countyAlias.draw(r);
      boolean pub = !body && r.nextDouble() < 0.3;
      String credit =
          CreditCode.complete(
              (pub ? "12" : "91")
                  + countyCode[ct]
                  + codeMaker.organisationCode(n + j, !pub && r.nextDouble() < 0.5));
      String name = institutionName(r, instNames, ct, body, pub);
      boolean cnas = body ? r.nextDouble() < 0.7 : r.nextDouble() < (pub ? 0.8 : 0.3);
      boolean cma = !body && r.nextDouble() < 0.97;
      institutions[j] =
          new Institution(
              credit,
              name,
              body ? InstitutionKind.CERTIFICATION_BODY : InstitutionKind.TESTING_LAB,
              countyCode[ct],
              cnas,
              cma);
      institutionQuality[j] = (float) Rand.lognormalMean1(r, 0.5);
      if (body) {
        bodyList.add(j);
      } else {
        labList.add(j);
        labsProv.get(cityProvince[countyCity[ct]]).add(j);
      }
    }
    if (labList.isEmpty()) {
      throw new IllegalArgumentException("need at least one testing lab: raise institutions");
    }
    labs = labList.stream().mapToInt(Integer::intValue).toArray();
    bodies = bodyList.stream().mapToInt(Integer::intValue).toArray();
    labsByProvince = toArrays(labsProv);
    // Market concentration: a few large bodies (CQC-like) hold most certificates.
    double[] bw = new double[bodies.length];
    for (int k = 0; k < bw.length; k++) {
      bw[k] = 1.0 / (k + 1);
    }
    bodyAlias = new Rand.Alias(bw);

    // ---- inspectors ----
    int k = config.effectiveInspectors();
    inspectors = new Inspector[k];
    int[] perCounty = new int[nc];
    List<List<Integer>> byCity = new ArrayList<>();
    for (int i = 0; i < cityCode.length; i++) {
      byCity.add(new ArrayList<>());
    }
    List<List<Integer>> byProv = new ArrayList<>();
    for (int p = 0; p < provinceCode.length; p++) {
      byProv.add(new ArrayList<>());
    }
    String[] specialties = {"食品", "工业产品", "特种设备", "计量", "认证认可", "广告", "价格", "网络交易", "药品", "知识产权"};
    double[] specW = {5, 4, 2, 2, 1.5, 1.5, 1.5, 1.5, 1, 1};
    for (int i = 0; i < k; i++) {
      int ct = countyAlias.draw(r);
      String id = "ZF" + countyCode[ct] + pad(++perCounty[ct], 4);
      Set<String> spec = new java.util.TreeSet<>();
      int ns = Rand.between(r, 1, 3);
      while (spec.size() < ns) {
        spec.add(specialties[Rand.weighted(r, specW)]);
      }
      inspectors[i] =
          new Inspector(
              id,
              PersonalData.personName(r),
              countyAuthority[ct],
              countyCode[ct],
              List.copyOf(spec));
      byCity.get(countyCity[ct]).add(i);
      byProv.get(cityProvince[countyCity[ct]]).add(i);
    }
    inspectorsByCity = toArrays(byCity);
    inspectorsByProvince = toArrays(byProv);

    scheduled = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      scheduled.add(new ArrayList<>());
    }
    Schedules.certificates(this);
    Schedules.institutionEvents(this);
    Schedules.tradeMeasures(this);
    if (config.incidents()) {
      IncidentPlanner.plan(this);
    }
    for (List<Scheduled> l : scheduled) {
      ((ArrayList<Scheduled>) l).trimToSize();
    }
  }

  // ---- helpers used by schedules and runs ----

  int kind(int e) {
    return industryKind[industry[e]];
  }

  int provinceOf(int e) {
    return cityProvince[countyCity[county[e]]];
  }

  int cityOf(int e) {
    return countyCity[county[e]];
  }

  Instant instant(int day, int second) {
    return Instant.ofEpochSecond(dayStartEpoch[day] + second);
  }

  LocalDate date(int day) {
    return start.plusDays(day);
  }

  int dayOf(LocalDate d) {
    return (int) ChronoUnit.DAYS.between(start, d);
  }

  EventEnvelope enterpriseEvent(int day, int second, int e, EventPayload p) {
    Enterprise ent = enterprises[e];
    return EventEnvelope.of(
        instant(day, second),
        SOURCE,
        ent.creditCode(),
        ent.name(),
        ent.regionCode(),
        ent.industryCode(),
        p);
  }

  EventEnvelope institutionEvent(int day, int second, int j, EventPayload p) {
    Institution in = institutions[j];
    return EventEnvelope.of(
        instant(day, second),
        SOURCE,
        in.creditCode(),
        in.name(),
        in.regionCode(),
        hasInstitutionIndustry ? INSTITUTION_INDUSTRY : null,
        p);
  }

  void schedule(int day, EventEnvelope e, String incident) {
    if (day >= 0 && day < days) {
      scheduled.get(day).add(new Scheduled(e, incident));
    }
  }

  /**
   * Failure probability of a sampled batch by programme and size class, set a few percent below the
   * published rates because re-inspections of failed batches (复查) fail more often (the same
   * enterprises) and are counted as batches too; see docs/generator.md.
   */
  static double failureRate(boolean food, int sizeClass) {
    return food
        ? new double[] {0.0285, 0.025, 0.0145, 0.005}[sizeClass]
        : new double[] {0.128, 0.128, 0.058, 0.008}[sizeClass];
  }

  /** What a restaurant is sampled or complained about: mostly its own dishes (餐饮食品). */
  int cateringCategory(int e, SplittableRandom r) {
    int[] own = industryCategories[industry[e]];
    return own.length > 0 && r.nextDouble() < 0.7
        ? own[r.nextInt(own.length)]
        : randomCategory(r, 1.0);
  }

  /** What a shop is sampled or complained about: F52 sells mostly food, F51 mostly goods. */
  int sellerCategory(int e, SplittableRandom r) {
    boolean retail = industryCode[industry[e]].equals("F52");
    int[][] pools = retail ? retailCategories : wholesaleCategories;
    boolean food =
        pools[1].length == 0 || (pools[0].length > 0 && r.nextDouble() < (retail ? 0.65 : 0.4));
    int[] pool = food ? pools[0] : pools[1];
    return pool.length == 0 ? -1 : pool[r.nextInt(pool.length)];
  }

  int randomCategory(SplittableRandom r, double foodShare) {
    boolean f =
        foodCategories.length > 0 && (nonFoodCategories.length == 0 || r.nextDouble() < foodShare);
    int[] pool = f ? foodCategories : nonFoodCategories;
    return pool.length == 0 ? -1 : pool[r.nextInt(pool.length)];
  }

  private double samplingRate(int e, int kind) {
    String code = industryCode[industry[e]];
    return switch (kind) {
      case MANUFACTURER -> cat1[e] < 0 ? 0 : categoryFood[cat1[e]] ? 2.5 : 0.6;
      case SELLER -> categories.length == 0 ? 0 : code.equals("F52") ? 1.2 : 0.5;
      case CATERING -> foodCategories.length == 0 ? 0 : 0.8;
      default -> 0;
    };
  }

  /** Complaints per enterprise-year before size and heterogeneity: consumer-facing first. */
  private static double complaintBase(String code, int kind) {
    return switch (code) {
      case "F52", "H62" -> 2.5;
      case "C14" -> 1.0;
      case "C15", "C18", "C24", "C36", "C38", "C39" -> 0.85;
      case "C13", "C21", "F51" -> 0.55;
      default -> kind == MANUFACTURER ? 0.25 : 0.15;
    };
  }

  private String enterpriseName(
      SplittableRandom r, Set<String> names, int ct, int ind, int sz, char type, String[] words) {
    String cityPrefix = cityShort[countyCity[ct]];
    int kind = industryKind[ind];
    for (int attempt = 0; ; attempt++) {
      int chars = attempt < 3 ? 2 : attempt < 8 ? 3 : 4;
      String trade = Vocab.tradeName(r, chars);
      String name;
      if (type == '2') {
        String[] shop = kind == CATERING ? Vocab.HOUSEHOLD_CATERING : Vocab.HOUSEHOLD_RETAIL;
        name = countyName[ct] + trade + Rand.pick(r, shop);
      } else if (type == '3') {
        name = countyName[ct] + trade + "农产品专业合作社";
      } else {
        String prefix =
            sz >= MEDIUM && r.nextDouble() < 0.4
                ? provinceShort[cityProvince[countyCity[ct]]]
                : cityPrefix;
        double u = r.nextDouble();
        String form =
            switch (sz) {
              case LARGE -> u < 0.55 ? "股份有限公司" : "有限公司";
              case MEDIUM -> u < 0.7 ? "有限公司" : u < 0.85 ? "有限责任公司" : "股份有限公司";
              default -> u < 0.85 ? "有限公司" : "有限责任公司";
            };
        String core = prefix + trade + Rand.pick(r, words);
        // Unique without the company form: entity resolution treats 有限公司, 有限责任公司 and
        // 股份有限公司 as variants of one name, so two firms differing only there would collide.
        if (names.add(core)) {
          return core + form;
        }
        continue;
      }
      if (names.add(name)) {
        return name;
      }
    }
  }

  private String institutionName(
      SplittableRandom r, Set<String> names, int ct, boolean body, boolean pub) {
    String city = cityShort[countyCity[ct]];
    String prov = provinceShort[cityProvince[countyCity[ct]]];
    if (pub) {
      String[] kinds = {"产品质量检验研究院", "食品检验检测中心", "计量检定测试院", "质量技术监督检测院", "纤维检验所"};
      for (String kd : kinds) {
        if (names.add(city + "市" + kd)) {
          return city + "市" + kd;
        }
      }
      if (names.add(countyName[ct] + "检验检测中心")) {
        return countyName[ct] + "检验检测中心";
      }
    }
    for (int attempt = 0; ; attempt++) {
      String trade = Vocab.tradeName(r, attempt < 5 ? 2 : 3);
      String name =
          body
              ? (r.nextDouble() < 0.5 ? prov : "")
                  + trade
                  + Rand.pick(r, new String[] {"认证有限公司", "质量认证有限公司", "认证中心有限公司", "检验认证有限公司"})
              : city
                  + trade
                  + Rand.pick(r, new String[] {"检测技术有限公司", "检验技术服务有限公司", "质量检测有限公司", "检测认证有限公司"});
      if (names.add(name)) {
        return name;
      }
    }
  }

  /**
   * A point near the county: province centre, a fixed offset per city and per county (so the same
   * place is in the same spot whatever the seed), and a little jitter per enterprise.
   */
  private double[] point(int ct, SplittableRandom r) {
    String code = countyCode[ct];
    double[] centre =
        Vocab.PROVINCE_CENTRES.getOrDefault(code.substring(0, 2), new double[] {32, 115});
    long hc = Rand.mix(Long.parseLong(code.substring(0, 4)));
    long hk = Rand.mix(Long.parseLong(code));
    double lat = centre[0] + signedUnit(hc) * 1.3 + signedUnit(hk) * 0.25 + r.nextGaussian() * 0.03;
    double lon =
        centre[1]
            + signedUnit(hc >>> 21) * 1.6
            + signedUnit(hk >>> 21) * 0.3
            + r.nextGaussian() * 0.03;
    return new double[] {Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5};
  }

  private static double signedUnit(long h) {
    return ((h & 0xFFFFF) / (double) 0xFFFFF) * 2 - 1;
  }

  private static boolean isPlaceholder(String name) {
    return name == null
        || name.equals("市辖区")
        || name.equals("县")
        || name.endsWith("直辖县级行政区划")
        || name.equals("省直辖县级行政单位");
  }

  private static boolean isMunicipality(String p2) {
    return p2.equals("11") || p2.equals("12") || p2.equals("31") || p2.equals("50");
  }

  static String pad(long v, int width) {
    String s = Long.toString(v);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[][] toArrays(List<List<Integer>> lists) {
    int[][] out = new int[lists.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  /**
   * Organisation codes (positions 9–17): unique by construction (an affine bijection of the
   * entity's index, so no set of issued codes has to be kept), with the GB 11714 check character.
   * Entities registered after the 2015 reform get the {@code MA} form real new codes have.
   */
  static final class CodeMaker {
    private static final long M10 = 100_000_000L;
    private static final long M31 = 887_503_681L; // 31^6
    private final long offset10;
    private final long offset31;

    CodeMaker(long seed) {
      offset10 = Math.floorMod(Rand.mix(seed ^ 0x10), M10);
      offset31 = Math.floorMod(Rand.mix(seed ^ 0x31), M31);
    }

    String organisationCode(long index, boolean modern) {
      StringBuilder body = new StringBuilder(9);
      if (modern) {
        long x = Math.floorMod(index * 48_271L + offset31, M31);
        body.append("MA");
        char[] cs = new char[6];
        for (int i = 5; i >= 0; i--) {
          cs[i] = CreditCode.ALPHABET.charAt((int) (x % 31));
          x /= 31;
        }
        body.append(cs);
      } else {
        long x = Math.floorMod(index * 73_939_133L + offset10, M10);
        body.append(pad(x, 8));
      }
      return body.append(gb11714Check(body)).toString();
    }

    /** GB 11714 check character of an 8-character organisation code body. */
    static char gb11714Check(CharSequence body8) {
      int[] w = {3, 7, 9, 10, 5, 8, 4, 2};
      int sum = 0;
      for (int i = 0; i < 8; i++) {
        char c = body8.charAt(i);
        int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
        sum += v * w[i];
      }
      int c9 = 11 - sum % 11;
      return c9 == 11 ? '0' : c9 == 10 ? 'X' : (char) ('0' + c9);
    }
  }
}

package io.qualitywatch.risk.evaluation;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.generator.GeneratorConfig;
import io.qualitywatch.ingestion.generator.Incident;
import io.qualitywatch.risk.features.EntityHistory;
import io.qualitywatch.risk.features.FeatureBuilder;
import io.qualitywatch.risk.features.FeatureRow;
import io.qualitywatch.risk.features.HistoryEvent;
import io.qualitywatch.risk.features.HistoryKind;
import io.qualitywatch.risk.features.QwDataset;
import io.qualitywatch.risk.features.QwEvents;
import io.qualitywatch.risk.model.ModelParams;
import io.qualitywatch.risk.model.ModelTrainer;
import io.qualitywatch.risk.model.RiskModel;
import io.qualitywatch.risk.registry.ModelRegistry;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoringRules;
import io.qualitywatch.risk.surge.Seasonality;
import io.qualitywatch.risk.surge.SurgeDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The models benchmark: generated data with injected incidents → point-in-time features → time
 * split → gradient boosting, logistic regression, the rules-only score and the actual order
 * compared; scoring throughput; training time on 1,000,000 rows; surge false-alarm rates. Writes
 * docs/benchmarks/models.json.
 *
 * <pre>
 * java -cp ... io.qualitywatch.risk.evaluation.ModelBenchmark [--enterprises 20000]
 *     [--train-rows 1000000] [--out docs/benchmarks/models.json]
 * </pre>
 *
 * Single-threaded throughout except Smile's internal parallelism in training, so "per core"
 * throughput is what one thread does.
 */
public final class ModelBenchmark {
  static final LocalDate START = LocalDate.of(2024, 1, 1);
  static final TimeSplit SPLIT =
      new TimeSplit(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1), LocalDate.of(2026, 1, 1));

  public static void main(String[] args) throws Exception {
    int enterprises = 20_000;
    int trainRows = 1_000_000;
    Path out = Path.of("docs/benchmarks/models.json");
    long seed = 42;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--enterprises" -> enterprises = Integer.parseInt(args[++i]);
        case "--train-rows" -> trainRows = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    GeneratorConfig cfg =
        GeneratorConfig.defaults()
            .withSeed(seed)
            .withEnterprises(enterprises)
            .withPeriod(START, 730);
    DataGenerator g = new DataGenerator(cfg);
    QwDataset ds = QwDataset.fromGenerator(g);
    FeatureBuilder fb =
        new FeatureBuilder(
            QwEvents.CATEGORICAL, QwEvents.ZONE, new RiskScorer(ScoringRules.defaults()));
    List<FeatureRow> rows = fb.build(ds.events(), ds.targets(), ds.profiles());
    log(
        "data: %d enterprises, %d history events, %d inspections, %.1f s",
        enterprises, ds.events().size(), rows.size(), secs(t0));

    Evaluation.Report r =
        Evaluation.run(
            rows,
            SPLIT,
            QwEvents.ZONE,
            List.of(ModelParams.gradientBoosting(), ModelParams.logistic()),
            Evaluation.DEFAULT_WINDOW_DAYS);
    System.out.print(Evaluation.table(r));
    MethodMetrics gbm = r.method("gradient_boosting");
    MethodMetrics rules = r.method("rules");
    json.put("auc_model", round(gbm.auc()));
    json.put("auc_rules", round(rules.auc()));
    json.put("auc_logistic", round(r.method("logistic").auc()));
    json.put("days_earlier_model", round(gbm.daysEarlier()));
    json.put("days_earlier_rules", round(rules.daysEarlier()));
    json.put("days_earlier_logistic", round(r.method("logistic").daysEarlier()));
    json.put("days_earlier_actual", 0.0);
    json.put("precision_at_10pct", round(gbm.precisionAt10()));
    json.put("precision_at_10pct_rules", round(rules.precisionAt10()));
    json.put("found_in_top_10pct", round(gbm.foundInTop10()));
    json.put("found_in_top_10pct_rules", round(rules.foundInTop10()));
    json.put("test_failure_rate", round(r.testFailures() / (double) r.testRows()));
    json.put(
        "model", "gradient_boosting (smile-core 3.1.1), Platt-calibrated on the validation period");
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put(
        "generator",
        "seed "
            + seed
            + ", "
            + enterprises
            + " enterprises, "
            + START
            + " + 730 days, incidents on");
    setup.put("split", r.split());
    setup.put("train_rows", r.trainRows());
    setup.put("validation_rows", r.validationRows());
    setup.put("test_rows", r.testRows());
    setup.put("test_failures", r.testFailures());
    setup.put("days_earlier_window_days", r.windowDays());
    json.put("setup", setup);
    json.put("methods", r.methods());

    RiskModel model = r.models().get("gradient_boosting");
    // Registry round trip: what a job would load must score identically.
    Path reg = Files.createTempDirectory("qw-registry");
    new ModelRegistry(reg)
        .save(
            "failure",
            "v1",
            model,
            SPLIT.split(rows, QwEvents.ZONE).train(),
            Map.of("auc", gbm.auc()));
    RiskModel loaded = new ModelRegistry(reg).load("failure", "v1", fb.spec()).model();
    for (FeatureRow row : r.test().subList(0, Math.min(1000, r.test().size()))) {
      if (loaded.probability(row) != model.probability(row)) {
        throw new IllegalStateException("registry round trip changed a prediction");
      }
    }

    json.put("throughput", throughput(model, r.test(), ds, fb));
    json.put("training_1m_rows", training(trainRows, seed));
    json.put("surge", surge(ds, g));
    json.put(
        "machine",
        Runtime.getRuntime().availableProcessors() + " cores (shared), Java " + Runtime.version());
    json.put("measured_at", Instant.now().toString());
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build()
        .writeValue(out.toFile(), json);
    log("wrote %s", out);
  }

  /** Scores per second on one thread: per event as the stream does, and over a batch. */
  static Map<String, Object> throughput(
      RiskModel model, List<FeatureRow> test, QwDataset ds, FeatureBuilder fb) {
    Map<String, EntityHistory> hist = new HashMap<>();
    for (HistoryEvent e : ds.events()) {
      hist.computeIfAbsent(e.entityId(), k -> new EntityHistory()).add(e);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    // Single record: features from the entity's history (as the stream's keyed state would hold
    // it) + encoding + calibrated probability, one at a time.
    m.put(
        "single_record_scores_per_s",
        rate(
            test.size(),
            () -> {
              double s = 0;
              for (FeatureRow row : test) {
                FeatureRow f =
                    fb.row(
                        row.target(),
                        hist.get(row.target().entityId()),
                        ds.profiles().get(row.target().entityId()),
                        Double.NaN);
                s += model.probability(f);
              }
              return s;
            }));
    m.put(
        "batch_scores_per_s",
        rate(
            test.size(),
            () -> {
              double s = 0;
              for (double p : model.probabilities(test)) {
                s += p;
              }
              return s;
            }));
    List<FeatureRow> some = test.subList(0, Math.min(5000, test.size()));
    m.put(
        "with_top3_reasons_scores_per_s",
        rate(
            some.size(),
            () -> {
              double s = 0;
              for (FeatureRow row : some) {
                s += model.predict(row, 3).probability();
              }
              return s;
            }));
    m.put("threads", 1);
    return m;
  }

  interface Work {
    double run();
  }

  static double sink;

  /** Warm up once, then repeat for at least 3 s; returns items per second. */
  static long rate(int items, Work w) {
    sink += w.run();
    long t0 = System.nanoTime();
    long n = 0;
    do {
      sink += w.run();
      n += items;
    } while (System.nanoTime() - t0 < 3_000_000_000L);
    return Math.round(n / secs(t0));
  }

  /** Training time on about {@code n} real generated rows (a larger world, one year). */
  static Map<String, Object> training(int n, long seed) {
    Map<String, Object> m = new LinkedHashMap<>();
    // About 3 inspections per enterprise per two years at the default rates.
    int enterprises = Math.max(1000, (int) (n / 1.5));
    long t0 = System.nanoTime();
    DataGenerator g =
        new DataGenerator(
            GeneratorConfig.defaults()
                .withSeed(seed + 1)
                .withEnterprises(enterprises)
                .withPeriod(START, 730));
    QwDataset ds = QwDataset.fromGenerator(g);
    FeatureBuilder fb = new FeatureBuilder(QwEvents.CATEGORICAL, QwEvents.ZONE, null);
    List<FeatureRow> rows = fb.build(ds.events(), ds.targets(), ds.profiles());
    if (rows.size() > n) {
      rows = rows.subList(0, n);
    }
    double prep = secs(t0);
    log("training set: %d rows from %d enterprises in %.1f s", rows.size(), enterprises, prep);
    m.put("rows", rows.size());
    m.put("data_and_features_seconds", round(prep));
    for (ModelParams p : List.of(ModelParams.logistic(), ModelParams.gradientBoosting())) {
      long t1 = System.nanoTime();
      ModelTrainer.train(rows, List.of(), p.withCalibration("none"));
      double s = secs(t1);
      log("%s on %d rows: %.1f s", Evaluation.name(p), rows.size(), s);
      m.put(Evaluation.name(p) + "_seconds", round(s));
    }
    m.put("gradient_boosting_params", ModelParams.gradientBoosting());
    return m;
  }

  /**
   * Surge detector false alarms: on null data (Poisson and overdispersed counts with a weekly
   * profile, where every alarm is false) and on the generated complaints outside the injected
   * incidents, plus whether the injected complaint surges were caught.
   */
  static Map<String, Object> surge(QwDataset ds, DataGenerator g) {
    Map<String, Object> m = new LinkedHashMap<>();
    SurgeDetector det = SurgeDetector.defaults();
    m.put("alpha", det.alpha());
    m.put("null_false_alarm_rate", SurgeNull.falseAlarmRates(det, 200_000, 7));
    // Generated data: daily complaint counts per enterprise.
    int days = 730;
    Map<String, int[]> daily = new HashMap<>();
    long start = START.atStartOfDay(QwEvents.ZONE).toInstant().toEpochMilli();
    double[] dowTotals = new double[7];
    for (HistoryEvent e : ds.events()) {
      if (e.kind() != HistoryKind.COMPLAINT && e.kind() != HistoryKind.REPORT) {
        continue;
      }
      int d = (int) ((e.timeMillis() - start) / 86_400_000L);
      if (d >= 0 && d < days) {
        daily.computeIfAbsent(e.entityId(), k -> new int[days])[d]++;
        dowTotals[START.plusDays(d).getDayOfWeek().getValue() - 1]++;
      }
    }
    double mean = 0;
    for (double v : dowTotals) {
      mean += v / 7;
    }
    double[] profile = new double[7];
    for (int i = 0; i < 7; i++) {
      profile[i] = Math.max(0.05, dowTotals[i] / mean);
    }
    Map<String, List<int[]>> incidentDays = new HashMap<>();
    List<Incident> surges = new ArrayList<>();
    for (Incident inc : g.incidents()) {
      int from = (int) ((inc.start().toEpochMilli() - start) / 86_400_000L);
      int to = inc.end() == null ? days : (int) ((inc.end().toEpochMilli() - start) / 86_400_000L);
      for (String c : inc.creditCodes()) {
        incidentDays.computeIfAbsent(c, k -> new ArrayList<>()).add(new int[] {from, to + 28});
      }
      if (inc.kind() == Incident.Kind.COMPLAINT_SURGE) {
        surges.add(inc);
      }
    }
    int hist = 28;
    long tested = 0;
    long alarms = 0;
    Map<String, Integer> firstAlarm = new HashMap<>();
    for (var e : daily.entrySet()) {
      int[] c = e.getValue();
      List<int[]> excl = incidentDays.getOrDefault(e.getKey(), List.of());
      for (int d = hist; d < days; d++) {
        double[] h = new double[hist];
        for (int i = 0; i < hist; i++) {
          h[i] = c[d - hist + i];
        }
        int dow = START.plusDays(d).getDayOfWeek().getValue();
        boolean surge = det.assess(c[d], h, Seasonality.weekly(profile, dow, hist)).surge();
        boolean inIncident = false;
        for (int[] w : excl) {
          inIncident |= d >= w[0] && d <= w[1];
        }
        if (inIncident) {
          if (surge) {
            firstAlarm.merge(e.getKey() + "@" + d, d, Math::min);
          }
          continue;
        }
        tested++;
        if (surge) {
          alarms++;
        }
      }
    }
    Map<String, Object> gen = new LinkedHashMap<>();
    gen.put("enterprise_days_tested", tested);
    gen.put("alarms_outside_incidents", alarms);
    gen.put("alarm_rate_outside_incidents", tested == 0 ? Double.NaN : alarms / (double) tested);
    List<Map<String, Object>> caught = new ArrayList<>();
    for (Incident inc : surges) {
      int from = (int) ((inc.start().toEpochMilli() - start) / 86_400_000L);
      Integer first = null;
      for (String code : inc.creditCodes()) {
        for (var fa : firstAlarm.entrySet()) {
          if (fa.getKey().startsWith(code + "@")
              && fa.getValue() >= from
              && (first == null || fa.getValue() < first)) {
            first = fa.getValue();
          }
        }
      }
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("incident", inc.id());
      one.put("detected", first != null);
      one.put("days_to_first_alarm", first == null ? null : first - from);
      caught.add(one);
    }
    gen.put("complaint_surge_incidents", caught);
    gen.put(
        "note",
        "daily counts per enterprise with ≥ 1 complaint, 28-day baseline, weekly profile"
            + " estimated from all complaints; incident enterprises excluded from their incident window"
            + " + 28 days when counting false alarms (alarms outside incidents are not all false: the"
            + " generator's complaint bursts are real bursts)");
    m.put("generated_enterprise_daily", gen);
    return m;
  }

  static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 10_000) / 10_000.0;
  }

  static void log(String fmt, Object... args) {
    System.out.printf(fmt + "%n", args);
  }

  /** Null-data simulation shared with the tests. */
  public static final class SurgeNull {
    private SurgeNull() {}

    /**
     * Share of windows flagged when nothing is going on: counts drawn from the very model the
     * baseline assumes (Poisson) and from an overdispersed one (gamma-mixed Poisson, variance 2×
     * the mean), both with a weekly profile, across several mean levels.
     */
    public static Map<String, Double> falseAlarmRates(SurgeDetector det, int windows, long seed) {
      Map<String, Double> out = new LinkedHashMap<>();
      double[] weekly = {1.2, 1.1, 1.05, 1.0, 1.0, 0.8, 0.85};
      for (double mu : new double[] {0.5, 2, 10}) {
        for (boolean over : new boolean[] {false, true}) {
          SplittableRandom r = new SplittableRandom(seed);
          int hist = 28;
          long alarms = 0;
          for (int w = 0; w < windows; w++) {
            double[] h = new double[hist];
            int dow = 1 + r.nextInt(7);
            Seasonality s = Seasonality.weekly(weekly, dow, hist);
            for (int i = 0; i < hist; i++) {
              h[i] = draw(r, mu * s.historyFactors()[i], over);
            }
            long obs = draw(r, mu * s.currentFactor(), over);
            if (det.assess(obs, h, s).surge()) {
              alarms++;
            }
          }
          out.put((over ? "overdispersed" : "poisson") + "_mean_" + mu, alarms / (double) windows);
        }
      }
      return out;
    }

    static long draw(SplittableRandom r, double mean, boolean overdispersed) {
      double lambda = mean;
      if (overdispersed) {
        // λ ~ Gamma(shape = mean, scale = 1): the mixture's variance is 2 × its mean (φ = 2),
        // about what one incident filing several tickets does to complaint counts.
        lambda = gamma(r, mean);
      }
      // Knuth for small λ, normal approximation beyond (tests use λ ≤ ~25).
      if (lambda < 30) {
        double l = Math.exp(-lambda);
        long k = 0;
        double p = 1;
        do {
          k++;
          p *= r.nextDouble();
        } while (p > l);
        return k - 1;
      }
      return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(r)));
    }

    /** Marsaglia–Tsang, with the shape < 1 boost. */
    static double gamma(SplittableRandom r, double shape) {
      if (shape < 1) {
        return gamma(r, shape + 1) * Math.pow(r.nextDouble(), 1 / shape);
      }
      double d = shape - 1.0 / 3;
      double c = 1 / Math.sqrt(9 * d);
      while (true) {
        double x = gaussian(r);
        double v = Math.pow(1 + c * x, 3);
        if (v > 0 && Math.log(r.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
          return d * v;
        }
      }
    }

    static double gaussian(SplittableRandom r) {
      return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
  }
}

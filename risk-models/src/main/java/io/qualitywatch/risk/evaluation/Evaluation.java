package io.qualitywatch.risk.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.qualitywatch.risk.features.FeatureRow;
import io.qualitywatch.risk.model.ModelParams;
import io.qualitywatch.risk.model.ModelTrainer;
import io.qualitywatch.risk.model.RiskModel;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time-split comparison: gradient boosting, the logistic baseline, the rules-only score and the
 * actual inspection order, on the same test inspections with the same point-in-time inputs.
 */
public final class Evaluation {
  public static final int DEFAULT_WINDOW_DAYS = 60;

  /** What {@link #run} found; {@link #models} are the fitted models (not serialised to JSON). */
  public record Report(
      String split,
      @JsonProperty("train_rows") int trainRows,
      @JsonProperty("train_failures") int trainFailures,
      @JsonProperty("validation_rows") int validationRows,
      @JsonProperty("test_rows") int testRows,
      @JsonProperty("test_failures") int testFailures,
      @JsonProperty("window_days") int windowDays,
      @JsonProperty("training_seconds") Map<String, Double> trainingSeconds,
      List<MethodMetrics> methods,
      @JsonIgnore Map<String, RiskModel> models,
      @JsonIgnore List<FeatureRow> test,
      @JsonIgnore Map<String, double[]> testScores) {

    public MethodMetrics method(String name) {
      return methods.stream().filter(m -> m.method().equals(name)).findFirst().orElseThrow();
    }
  }

  private Evaluation() {}

  public static Report run(
      List<FeatureRow> rows,
      TimeSplit split,
      ZoneId zone,
      List<ModelParams> models,
      int windowDays) {
    TimeSplit.Parts parts = split.split(rows, zone);
    if (parts.test().isEmpty() || parts.validation().isEmpty()) {
      throw new IllegalArgumentException(
          "the time split leaves "
              + parts.train().size()
              + " training, "
              + parts.validation().size()
              + " validation and "
              + parts.test().size()
              + " test inspections ("
              + split
              + "); each period needs some");
    }
    Map<String, RiskModel> fitted = new LinkedHashMap<>();
    Map<String, Double> secs = new LinkedHashMap<>();
    Map<String, double[]> scores = new LinkedHashMap<>();
    for (ModelParams p : models) {
      String name = name(p);
      long t0 = System.nanoTime();
      RiskModel m = ModelTrainer.train(parts.train(), parts.validation(), p);
      secs.put(name, (System.nanoTime() - t0) / 1e9);
      fitted.put(name, m);
      scores.put(name, m.probabilities(parts.test()));
    }
    int[] y = ModelTrainer.labels(parts.test());
    LocalDate[] dates = TimeSplit.dates(parts.test(), zone);
    double[] rules = parts.test().stream().mapToDouble(FeatureRow::rulesScore).toArray();
    boolean hasRules = !Double.isNaN(rules[0]);
    if (hasRules) {
      scores.put("rules", rules);
    }
    List<MethodMetrics> out = new ArrayList<>();
    for (var e : scores.entrySet()) {
      boolean prob = !e.getKey().equals("rules");
      out.add(metrics(e.getKey(), y, e.getValue(), dates, windowDays, prob));
    }
    // The actual order as a "score": earlier inspections first, so its replay is the identity.
    double[] actual = new double[y.length];
    for (int i = 0; i < actual.length; i++) {
      actual[i] = -dates[i].toEpochDay();
    }
    DaysEarlier.Result a = DaysEarlier.replay(dates, y, actual, windowDays);
    out.add(
        new MethodMetrics(
            "actual_order",
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            a.daysEarlier(),
            a.foundFirstHalfActual(),
            Double.NaN,
            Double.NaN));
    return new Report(
        split.toString(),
        parts.train().size(),
        TimeSplit.positives(parts.train()),
        parts.validation().size(),
        parts.test().size(),
        TimeSplit.positives(parts.test()),
        windowDays,
        secs,
        out,
        fitted,
        parts.test(),
        scores);
  }

  static MethodMetrics metrics(
      String name, int[] y, double[] s, LocalDate[] dates, int windowDays, boolean probability) {
    DaysEarlier.Result d = DaysEarlier.replay(dates, y, s, windowDays);
    return new MethodMetrics(
        name,
        Metrics.auc(y, s),
        Metrics.precisionAt(y, s, 0.10),
        Metrics.recallAt(y, s, 0.10),
        Metrics.precisionAt(y, s, 0.05),
        d.daysEarlier(),
        d.foundFirstHalfModel(),
        probability ? Metrics.brier(y, s) : Double.NaN,
        probability ? Metrics.ece(y, s, 10) : Double.NaN);
  }

  public static String name(ModelParams p) {
    return switch (p.algorithm()) {
      case GRADIENT_BOOSTING -> "gradient_boosting";
      case LOGISTIC_REGRESSION -> "logistic";
    };
  }

  /** A fixed-width table for the console. */
  public static String table(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "split: %s%ntrain %d (%d failures), validation %d, test %d (%d failures)%n",
            r.split(),
            r.trainRows(),
            r.trainFailures(),
            r.validationRows(),
            r.testRows(),
            r.testFailures()));
    sb.append(
        String.format(
            "%-18s %6s %8s %8s %8s %10s %8s %7s%n",
            "method", "AUC", "prec@10%", "found10%", "prec@5%", "days_early", "1st_half", "Brier"));
    for (MethodMetrics m : r.methods()) {
      sb.append(
          String.format(
              "%-18s %6.3f %8.3f %8.3f %8.3f %10.2f %8.3f %7.4f%n",
              m.method(),
              m.auc(),
              m.precisionAt10(),
              m.foundInTop10(),
              m.precisionAt5(),
              m.daysEarlier(),
              m.foundInFirstHalf(),
              m.brier()));
    }
    return sb.toString();
  }
}

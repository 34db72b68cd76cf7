package io.qualitywatch.risk.byo;

import io.qualitywatch.risk.evaluation.Evaluation;
import io.qualitywatch.risk.evaluation.TimeSplit;
import io.qualitywatch.risk.features.FeatureBuilder;
import io.qualitywatch.risk.features.FeatureRow;
import io.qualitywatch.risk.model.ModelParams;
import io.qualitywatch.risk.model.Prediction;
import io.qualitywatch.risk.model.RiskModel;
import io.qualitywatch.risk.registry.ModelRegistry;
import io.qualitywatch.risk.scoring.RiskScorer;
import io.qualitywatch.risk.scoring.ScoringRules;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qw model byo}: a jurisdiction's own inspection history → point-in-time features → the
 * models trained on the earlier period → metrics on the later one, and a CSV of the test period's
 * scores so that anyone can recompute the metrics.
 */
@Command(
    name = "byo",
    mixinStandardHelpOptions = true,
    description = {
      "Bring your own data: train and evaluate failure prediction on an inspection-history CSV.",
      "Exit codes: 0 done, 2 bad input (columns, dates, mapping), 1 other failures."
    })
public final class ByoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--inspections", required = true, paramLabel = "FILE.csv")
  Path inspections;

  @Option(names = "--mapping", required = true, paramLabel = "MAP.json")
  Path mapping;

  @Option(names = "--complaints", paramLabel = "FILE.csv")
  Path complaints;

  @Option(names = "--out", required = true, paramLabel = "scores.csv")
  Path out;

  @Option(
      names = "--window-days",
      defaultValue = "60",
      description = "Replay window of the days-earlier measure (default ${DEFAULT-VALUE}).")
  int windowDays;

  @Option(names = "--trees", defaultValue = "100", description = "Boosting trees.")
  int trees;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the boosting's row subsampling, so a run can be repeated exactly.")
  long seed;

  @Option(
      names = "--registry",
      paramLabel = "DIR",
      description = "Also save the boosting model to this registry (name 'byo', --model-version).")
  Path registry;

  @Option(names = "--model-version", defaultValue = "v1")
  String modelVersion;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      run(o);
      return 0;
    } catch (ByoException e) {
      err.println("qw model byo: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      // Not enough data for a split, a class missing in training: also the input's fault.
      err.println("qw model byo: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("qw model byo: " + e.getMessage());
      return 1;
    }
  }

  void run(PrintWriter o) throws ByoException, IOException {
    ByoMapping m = ByoMapping.load(mapping);
    ByoData d = ByoData.read(inspections, complaints, m);
    ByoData.Counts c = d.counts();
    o.printf(
        "read %d rows: %d inspections (%d failed), %d more rows merged into them (collapse_by);"
            + " skipped %d rows with other results, %d without establishment, %d duplicate ids, %d"
            + " filtered out; %d complaints%n",
        c.rows(),
        c.inspections(),
        c.failed(),
        c.collapsed(),
        c.skippedResults(),
        c.missingEntity(),
        c.duplicateIds(),
        c.filtered(),
        d.complaints());
    FeatureBuilder fb =
        new FeatureBuilder(d.attributes(), ZoneOffset.UTC, new RiskScorer(ScoringRules.defaults()));
    List<FeatureRow> rows = fb.build(d.events(), d.targets(), Map.of());
    TimeSplit split;
    if (m.split() != null && m.split().validationFrom() != null && m.split().testFrom() != null) {
      try {
        split =
            new TimeSplit(
                LocalDate.parse(m.split().validationFrom()),
                LocalDate.parse(m.split().testFrom()),
                null);
      } catch (DateTimeParseException e) {
        throw new ByoException("mapping split dates must be yyyy-MM-dd: " + e.getMessage());
      }
    } else {
      split = TimeSplit.byShares(rows, ZoneOffset.UTC, 0.15, 0.25);
    }
    ModelParams gbm = ModelParams.gradientBoosting().withTrees(trees).withMinLevelCount(5);
    ModelParams lr = ModelParams.logistic().withMinLevelCount(5);
    // Smile draws the subsamples from its per-thread generator; training runs on this thread.
    smile.math.MathEx.setSeed(seed);
    Evaluation.Report r = Evaluation.run(rows, split, ZoneOffset.UTC, List.of(gbm, lr), windowDays);
    o.print(Evaluation.table(r));
    RiskModel model = r.models().get("gradient_boosting");
    writeScores(r, model, d);
    o.printf("wrote %d test-period scores to %s%n", r.test().size(), out);
    if (registry != null) {
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("auc", r.method("gradient_boosting").auc());
      metrics.put("auc_rules", r.method("rules").auc());
      metrics.put("days_earlier", r.method("gradient_boosting").daysEarlier());
      TimeSplit.Parts parts = split.split(rows, ZoneOffset.UTC);
      new ModelRegistry(registry).save("byo", modelVersion, model, parts.train(), metrics);
      o.printf("saved model byo %s to %s%n", modelVersion, registry);
    }
  }

  private void writeScores(Evaluation.Report r, RiskModel model, ByoData d) throws IOException {
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        CSVPrinter p =
            new CSVPrinter(
                w,
                CSVFormat.DEFAULT
                    .builder()
                    .setHeader(
                        "id",
                        "date",
                        "entity",
                        "label",
                        "score",
                        "score_logistic",
                        "rules_score",
                        "top_reasons")
                    .get())) {
      double[] lr = r.testScores().get("logistic");
      for (int i = 0; i < r.test().size(); i++) {
        FeatureRow row = r.test().get(i);
        Prediction pr = model.predict(row, 3);
        p.printRecord(
            row.target().id(),
            d.dates().get(row.target().id()),
            row.target().entityId(),
            row.target().label(),
            // Full precision: rounding would create ties that change the recomputed top-k.
            Double.toString(pr.probability()),
            Double.toString(lr[i]),
            Double.toString(row.rulesScore()),
            pr.reasons().stream().map(Object::toString).collect(Collectors.joining("; ")));
      }
    }
  }
}

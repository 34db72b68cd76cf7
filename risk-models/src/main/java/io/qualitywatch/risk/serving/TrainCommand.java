package io.qualitywatch.risk.serving;

import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.generator.GeneratorConfig;
import io.qualitywatch.risk.evaluation.Evaluation;
import io.qualitywatch.risk.evaluation.TimeSplit;
import io.qualitywatch.risk.features.FeatureRow;
import io.qualitywatch.risk.features.QwDataset;
import io.qualitywatch.risk.features.QwEvents;
import io.qualitywatch.risk.model.ModelParams;
import io.qualitywatch.risk.model.RiskModel;
import io.qualitywatch.risk.registry.ModelManifest;
import io.qualitywatch.risk.registry.ModelRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qw model train}: trains the jobs' failure model ({@link EnterpriseFeatures}) on the seeded
 * generator's history and saves it as a registry version that {@code qw stream} and {@code qw
 * batch} can load.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the failure model the stream and batch jobs load, on generated history, and save it"
          + " to a model registry.",
      "Exit codes: 0 saved, 2 bad arguments (e.g. the version exists), 1 other failures."
    })
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--registry", required = true, paramLabel = "DIR")
  Path registry;

  @Option(names = "--model-version", required = true, paramLabel = "VERSION")
  String version;

  @Option(names = "--name", defaultValue = ModelChoice.DEFAULT_NAME)
  String name;

  @Option(names = "--enterprises", defaultValue = "2000")
  int enterprises;

  @Option(names = "--days", defaultValue = "730", description = "Days of history generated.")
  int days;

  @Option(names = "--from", defaultValue = "2024-01-01", description = "First generated day.")
  LocalDate from;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(names = "--trees", defaultValue = "100")
  int trees;

  /** A trained model, the rows it was fitted on and its time-split metrics. */
  public record Trained(RiskModel model, List<FeatureRow> trainingRows, Evaluation.Report report) {}

  /**
   * Trains boosting on the first 70 % of the inspections (by time), calibrates on the next 15 % and
   * reports metrics on the last 15 %, which the model never sees.
   */
  public static Trained train(QwDataset d, int trees, long seed) {
    List<FeatureRow> rows =
        EnterpriseFeatures.builder().build(d.events(), d.targets(), d.profiles());
    TimeSplit split = TimeSplit.byShares(rows, QwEvents.ZONE, 0.15, 0.15);
    smile.math.MathEx.setSeed(seed);
    ModelParams p = ModelParams.gradientBoosting().withTrees(trees);
    Evaluation.Report r =
        Evaluation.run(rows, split, QwEvents.ZONE, List.of(p), Evaluation.DEFAULT_WINDOW_DAYS);
    return new Trained(
        r.models().get(Evaluation.name(p)), split.split(rows, QwEvents.ZONE).train(), r);
  }

  public static QwDataset generated(int enterprises, LocalDate from, int days, long seed) {
    DataGenerator g =
        new DataGenerator(
            GeneratorConfig.defaults()
                .withSeed(seed)
                .withEnterprises(enterprises)
                .withPeriod(from, days));
    return EnterpriseFeatures.dataset(g.iterator(), g.reference().enterprises());
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Trained t = train(generated(enterprises, from, days, seed), trees, seed);
      out.print(Evaluation.table(t.report()));
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("auc", t.report().method("gradient_boosting").auc());
      metrics.put("test_rows", t.report().testRows());
      metrics.put("data", "generated seed " + seed + ", " + enterprises + " enterprises");
      ModelManifest m =
          new ModelRegistry(registry).save(name, version, t.model(), t.trainingRows(), metrics);
      out.printf(
          "saved model %s %s (%d training rows, schema %s) to %s%n",
          name, version, m.trainingRows(), m.schemaFingerprint().substring(0, 12), registry);
      return 0;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("qw model train: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      spec.commandLine().getErr().println("qw model train: " + e.getMessage());
      return e.getMessage() != null && e.getMessage().contains("already exists") ? 2 : 1;
    }
  }
}

package io.qualitywatch.risk.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.risk.features.EntityHistory;
import io.qualitywatch.risk.features.FeatureBuilder;
import io.qualitywatch.risk.features.FeatureRow;
import io.qualitywatch.risk.features.HistoryKind;
import io.qualitywatch.risk.features.QwDataset;
import io.qualitywatch.risk.features.QwEvents;
import io.qualitywatch.risk.model.ModelParams;
import io.qualitywatch.risk.model.ModelTrainer;
import io.qualitywatch.risk.model.Prediction;
import io.qualitywatch.risk.model.RiskModel;
import io.qualitywatch.risk.model.SchemaMismatchException;
import io.qualitywatch.risk.registry.ModelRegistry;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FailureModelTest {
  static final long DAY = 86_400_000L;
  @TempDir static Path dir;
  static QwDataset data;
  static ModelChoice choice;

  @BeforeAll
  static void trainAndSave() throws Exception {
    data = TrainCommand.generated(300, LocalDate.of(2024, 1, 1), 540, 5);
    TrainCommand.Trained t = TrainCommand.train(data, 20, 1);
    new ModelRegistry(dir).save("failure", "t1", t.model(), t.trainingRows(), Map.of());
    choice = new ModelChoice(dir.toString(), null, "t1");
  }

  @Test
  void aLoadedVersionScoresAnEnterpriseHistoryWithReasons() {
    FailureModel m = FailureModel.load(choice);
    assertEquals("t1", m.version());
    EntityHistory h = new EntityHistory();
    long t0 = LocalDate.of(2025, 3, 1).atStartOfDay(QwEvents.ZONE).toInstant().toEpochMilli();
    h.add(HistoryKind.SAMPLING_FAIL_MAJOR, t0);
    h.add(HistoryKind.SAMPLING_FAIL_SAFETY, t0 + 20 * DAY);
    Prediction risky = m.predict("X", h, "C14", "330102", t0 + 30 * DAY);
    Prediction clean = m.predict("X", new EntityHistory(), "C14", "330102", t0 + 30 * DAY);
    assertTrue(risky.probability() > 0 && risky.probability() < 1, "" + risky);
    assertTrue(risky.reasons().size() <= FailureModel.REASONS);
    // Same inputs, same answer: what stream/batch parity rests on.
    assertEquals(risky, m.predict("X", h, "C14", "330102", t0 + 30 * DAY));
    assertTrue(risky.probability() != clean.probability(), "history changes the probability");
  }

  @Test
  void aModelTrainedOnOtherFeaturesFailsAtLoadNamingThem() throws Exception {
    FeatureBuilder other =
        new FeatureBuilder(List.of("industry", "province", "size_class"), QwEvents.ZONE, null);
    List<FeatureRow> rows = other.build(data.events(), data.targets(), data.profiles());
    int cut = rows.size() * 3 / 4;
    RiskModel m =
        ModelTrainer.train(
            rows.subList(0, cut),
            rows.subList(cut, rows.size()),
            ModelParams.logistic().withMinLevelCount(5));
    new ModelRegistry(dir).save("failure", "other-features", m, rows.subList(0, cut), Map.of());
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class,
            () -> FailureModel.load(new ModelChoice(dir.toString(), null, "other-features")));
    assertTrue(e.getMessage().contains("missing [cat:size_class]"), e.getMessage());
    assertTrue(e.getMessage().contains("other-features"), e.getMessage());
  }

  @Test
  void anUnknownVersionNamesTheVersionsThere() {
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> FailureModel.load(new ModelChoice(dir.toString(), null, "nope")));
    assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("t1"), e.getMessage());
  }

  @Test
  void aRegistryWithoutVersionIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelChoice.of("/x", null, null));
    assertTrue(e.getMessage().contains("version"), e.getMessage());
    assertEquals(null, ModelChoice.of(null, null, null));
  }

  /** Random events over three years, observed as the stream does (with compaction). */
  @Test
  void compactedStreamHistoryGivesTheFullHistorysFeatures() {
    SplittableRandom r = new SplittableRandom(9);
    long t0 = LocalDate.of(2023, 1, 1).atStartOfDay(QwEvents.ZONE).toInstant().toEpochMilli();
    EvidenceKind[] kinds = {
      EvidenceKind.SAMPLING_PASS,
      EvidenceKind.SAMPLING_FAIL_MAJOR,
      EvidenceKind.COMPLAINT,
      EvidenceKind.PENALTY,
      EvidenceKind.INSPECTION_ISSUES,
      EvidenceKind.PROFICIENCY_FAILED
    };
    List<Evidence> ev = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      long t = t0 + r.nextLong(3 * 365 * DAY);
      ev.add(
          new Evidence("e" + i, "A", t, kinds[r.nextInt(kinds.length)], 1, null, null, null, null));
    }
    EntityHistory stream = new EntityHistory();
    EntityHistory full = new EntityHistory();
    long asOf = Long.MIN_VALUE;
    for (Evidence e : ev) { // arrival order = random: every event is late or early
      asOf = Math.max(asOf, e.eventTimeMillis());
      EnterpriseFeatures.observe(stream, e, asOf);
      stream = EntityHistory.fromArray(stream.toArray()); // as keyed state round-trips it
      HistoryKind k = EnterpriseFeatures.kind(e.kind());
      if (k != null) {
        full.add(k, e.eventTimeMillis());
      }
    }
    assertTrue(stream.size() < full.size() / 2, stream.size() + " of " + full.size() + " kept");
    long next = EnterpriseFeatures.nextDayStart(asOf);
    for (long c : new long[] {next, next + 7 * DAY, next + 400 * DAY}) {
      assertArrayEquals(full.numeric(c, null, false), stream.numeric(c, null, false), "" + c);
    }
    long early = next - 30 * DAY;
    final EntityHistory s = stream;
    assertThrows(IllegalStateException.class, () -> s.numeric(early, null, false));
  }

  @Test
  void nextDayStartIsTheFirstDayNotYetBegun() {
    long midnight = LocalDate.of(2025, 6, 1).atStartOfDay(QwEvents.ZONE).toInstant().toEpochMilli();
    assertEquals(midnight, EnterpriseFeatures.nextDayStart(midnight));
    assertEquals(midnight + DAY, EnterpriseFeatures.nextDayStart(midnight + 1));
    assertEquals(midnight, EnterpriseFeatures.nextDayStart(midnight - 1));
  }

  @Test
  void trainCommandSavesAVersionOnceAndRefusesToOverwriteIt(@TempDir Path reg) {
    String[] args = {
      "train",
      "--registry",
      reg.toString(),
      "--model-version",
      "v1",
      "--enterprises",
      "200",
      "--days",
      "400",
      "--trees",
      "10"
    };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new io.qualitywatch.risk.byo.ModelCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertEquals(0, cl.execute(args), err.toString() + out);
    assertTrue(out.toString().contains("saved model failure v1"), out.toString());
    FailureModel.load(new ModelChoice(reg.toString(), "failure", "v1"));
    assertEquals(2, cl.execute(args), "a version is immutable");
    assertTrue(err.toString().contains("already exists"), err.toString());
  }
}

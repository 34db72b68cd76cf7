package io.qualitywatch.risk.byo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qualitywatch.risk.evaluation.DaysEarlier;
import io.qualitywatch.risk.registry.ModelManifest;
import io.qualitywatch.risk.registry.ModelRegistry;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qw model byo} end to end on the real Chinese sampling export (see the README next to it)
 * through the shipped mapping {@code byo/cn-sampling-mapping.json}. Every expectation is computed
 * here from the raw file with a plain CSV parser and the mapping's rules restated by hand, and
 * every metric is recomputed from the written scores CSV alone, so the test checks the command's
 * accounting, split and figures rather than restating them.
 */
class ByoRealSamplingTest {
  static final Path CN =
      Path.of(System.getProperty("qw.shared.dir", "/work/shared"), "data", "cn-sampling")
          .resolve("cn_sampling_results.csv");

  static final Set<String> NO_ENTITY = Set.of("", "/", "无", "待查", "不详");

  /** One expected inspection: the first row's line names it, as the command does without ids. */
  record Insp(String id, String entity, LocalDate date, int label) {}

  /** Whitespace-free, as {@code names_ignore_whitespace} promises, by another route than regex. */
  static String squeeze(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
        .forEach(b::appendCodePoint);
    return b.toString();
  }

  @Test
  void realSamplingExportRunsEndToEndAndItsFiguresAreRecomputable(@TempDir Path dir)
      throws Exception {
    assumeTrue(Files.isRegularFile(CN), "real sampling data not present at " + CN + ", skipped");

    // Expected accounting, from the raw rows.
    int rows = 0;
    int filtered = 0;
    int missing = 0;
    int otherResults = 0;
    int merged = 0;
    Map<List<String>, Insp> byKey = new LinkedHashMap<>();
    try (Reader in = Files.newBufferedReader(CN, StandardCharsets.UTF_8);
        CSVParser p =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      for (CSVRecord r : p) {
        rows++;
        if (!r.get("信息来源").strip().equals("食品伙伴网")) {
          filtered++;
          continue;
        }
        String entity = squeeze(r.get("生产商"));
        if (NO_ENTITY.contains(entity)) {
          missing++;
          continue;
        }
        String verdict = r.get("判定").strip();
        if (!verdict.equals("合格") && !verdict.equals("不合格")) {
          otherResults++;
          continue;
        }
        int label = verdict.equals("不合格") ? 1 : 0;
        LocalDate date = LocalDate.parse(r.get("发布日期").strip());
        List<String> key = List.of(entity, date.toString(), squeeze(r.get("物料名称")));
        Insp old = byKey.get(key);
        if (old == null) {
          byKey.put(key, new Insp("line-" + p.getCurrentLineNumber(), entity, date, label));
        } else {
          merged++;
          byKey.put(key, new Insp(old.id(), entity, date, Math.max(old.label(), label)));
        }
      }
    }
    List<Insp> expected = new ArrayList<>(byKey.values());
    int expectedFailed = expected.stream().mapToInt(Insp::label).sum();
    assertEquals(11_763, rows, "the README's row count");
    // The real file does need every rule of the mapping: without them this test would be trivial.
    assertTrue(filtered > 1000 && missing > 1000 && merged > 100, filtered + " " + missing);

    Path mapping = resource("/byo/cn-sampling-mapping.json");
    Path out = dir.resolve("scores.csv");
    Path reg = dir.resolve("registry");
    ByoCommandTest.Result res =
        ByoCommandTest.run(
            "byo",
            "--inspections",
            CN.toString(),
            "--mapping",
            mapping.toString(),
            "--out",
            out.toString(),
            "--registry",
            reg.toString(),
            "--model-version",
            "cn1");
    // Kept in the surefire output file: docs/models.md quotes these figures.
    System.out.println(res.out());
    assertEquals(0, res.exit(), res.err() + res.out());

    Matcher acc =
        Pattern.compile(
                "read (\\d+) rows: (\\d+) inspections \\((\\d+) failed\\), (\\d+) more rows merged"
                    + " into them \\(collapse_by\\); skipped (\\d+) rows with other results, (\\d+)"
                    + " without establishment, (\\d+) duplicate ids, (\\d+) filtered out")
            .matcher(res.out());
    assertTrue(acc.find(), res.out());
    int[] got = new int[8];
    for (int i = 0; i < 8; i++) {
      got[i] = Integer.parseInt(acc.group(i + 1));
    }
    assertEquals(rows, got[0], "rows read");
    assertEquals(expected.size(), got[1], "inspections");
    assertEquals(expectedFailed, got[2], "failed inspections");
    assertEquals(merged, got[3], "rows merged by collapse_by");
    assertEquals(otherResults, got[4], "other results");
    assertEquals(missing, got[5], "rows without establishment");
    assertEquals(0, got[6], "duplicate ids (ids are line numbers)");
    assertEquals(filtered, got[7], "filtered out");
    assertEquals(got[0], got[1] + got[3] + got[4] + got[5] + got[6] + got[7], "rows add up");

    // The split: counts per period recomputed from the expected inspections' dates.
    Matcher sp =
        Pattern.compile(
                "train < (\\S+) ≤ validation < (\\S+) ≤ test < (\\S+)\\s+train (\\d+) \\((\\d+)"
                    + " failures\\), validation (\\d+), test (\\d+) \\((\\d+) failures\\)")
            .matcher(res.out());
    assertTrue(sp.find(), res.out());
    LocalDate validationFrom = LocalDate.parse(sp.group(1));
    LocalDate testFrom = LocalDate.parse(sp.group(2));
    int train = 0;
    int trainFailed = 0;
    int validation = 0;
    Map<String, Insp> testById = new HashMap<>();
    for (Insp i : expected) {
      if (i.date().isBefore(validationFrom)) {
        train++;
        trainFailed += i.label();
      } else if (i.date().isBefore(testFrom)) {
        validation++;
      } else {
        testById.put(i.id(), i);
      }
    }
    assertEquals(train, Integer.parseInt(sp.group(4)), "training inspections");
    assertEquals(trainFailed, Integer.parseInt(sp.group(5)), "training failures");
    assertEquals(validation, Integer.parseInt(sp.group(6)), "validation inspections");
    assertEquals(testById.size(), Integer.parseInt(sp.group(7)), "test inspections");
    assertTrue(train > 0 && validation > 0 && !testById.isEmpty(), res.out());
    // The saved model was fitted on exactly the inspections before the validation period.
    ModelManifest man = new ModelRegistry(reg).manifest("byo", "cn1");
    assertEquals(train, man.trainingRows(), "training rows in the registry manifest");

    // The scores file: documented columns, one row per test inspection, nothing from before.
    List<CSVRecord> recs = ByoCommandTest.scores(out);
    assertEquals(testById.size(), recs.size(), "score rows = test inspections");
    Set<String> seen = new HashSet<>();
    for (CSVRecord r : recs) {
      assertTrue(seen.add(r.get("id")), "id twice: " + r.get("id"));
      Insp e = testById.get(r.get("id"));
      assertTrue(e != null, "not a test-period inspection: " + r.toMap());
      assertFalse(LocalDate.parse(r.get("date")).isBefore(testFrom), r.toMap().toString());
      assertEquals(e.entity(), r.get("entity"));
      assertEquals(e.date().toString(), r.get("date"));
      assertEquals(e.label(), Integer.parseInt(r.get("label")), r.toMap().toString());
    }

    // The printed metrics, recomputed from the CSV alone.
    int[] y = recs.stream().mapToInt(r -> Integer.parseInt(r.get("label"))).toArray();
    LocalDate[] dates =
        recs.stream().map(r -> LocalDate.parse(r.get("date"))).toArray(LocalDate[]::new);
    assertEquals(Integer.parseInt(sp.group(8)), Arrays.stream(y).sum(), "test failures");
    Map<String, String> column =
        Map.of("gradient_boosting", "score", "logistic", "score_logistic", "rules", "rules_score");
    for (var m : column.entrySet()) {
      double[] s =
          recs.stream().mapToDouble(r -> Double.parseDouble(r.get(m.getValue()))).toArray();
      String[] printed = tableRow(res.out(), m.getKey());
      DaysEarlier.Result d = DaysEarlier.replay(dates, y, s, 60);
      assertEquals(String.format("%.3f", auc(y, s)), printed[1], m.getKey() + " AUC");
      assertEquals(String.format("%.3f", precisionAt(y, s, 10)), printed[2], m.getKey() + " p@10");
      assertEquals(String.format("%.3f", foundAt(y, s, 10)), printed[3], m.getKey() + " found10");
      assertEquals(String.format("%.3f", precisionAt(y, s, 5)), printed[4], m.getKey() + " p@5");
      assertEquals(String.format("%.2f", d.daysEarlier()), printed[5], m.getKey() + " days");
      if (!m.getKey().equals("rules")) {
        assertEquals(String.format("%.4f", brier(y, s)), printed[7], m.getKey() + " Brier");
        assertTrue(Arrays.stream(s).allMatch(v -> v > 0 && v < 1), m.getKey());
      }
    }
    assertTrue(recs.stream().anyMatch(r -> !r.get("top_reasons").isEmpty()));
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(ByoRealSamplingTest.class.getResource(name).toURI());
  }

  static String[] tableRow(String out, String method) {
    return out.lines()
        .filter(l -> l.startsWith(method + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + method + " in\n" + out))
        .trim()
        .split("\\s+");
  }

  /** AUC by counting pairs: a failure above a pass counts 1, a tie ½. */
  static double auc(int[] y, double[] s) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 1) {
        continue;
      }
      for (int j = 0; j < y.length; j++) {
        if (y[j] == 0) {
          wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
          pairs++;
        }
      }
    }
    return wins / pairs;
  }

  /** Row indices by descending score; a stable sort keeps the file order among ties. */
  static Integer[] ranking(double[] s) {
    Integer[] o = new Integer[s.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    Arrays.sort(o, (a, b) -> Double.compare(s[b], s[a]));
    return o;
  }

  static int hitsInTop(int[] y, double[] s, int k) {
    Integer[] o = ranking(s);
    int hits = 0;
    for (int i = 0; i < k; i++) {
      hits += y[o[i]];
    }
    return hits;
  }

  /** Top {@code pct} % rounded up, in integers so no floating-point edge decides k. */
  static int top(int n, int pct) {
    return Math.max(1, (n * pct + 99) / 100);
  }

  static double precisionAt(int[] y, double[] s, int pct) {
    int k = top(y.length, pct);
    return hitsInTop(y, s, k) / (double) k;
  }

  static double foundAt(int[] y, double[] s, int pct) {
    return hitsInTop(y, s, top(y.length, pct)) / (double) Arrays.stream(y).sum();
  }

  static double brier(int[] y, double[] p) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += (p[i] - y[i]) * (p[i] - y[i]);
    }
    return sum / y.length;
  }
}

package io.qualitywatch.risk.byo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.risk.evaluation.Metrics;
import io.qualitywatch.risk.features.HistoryEvent;
import io.qualitywatch.risk.features.HistoryKind;
import io.qualitywatch.risk.features.Profile;
import io.qualitywatch.risk.features.QwDataset;
import io.qualitywatch.risk.features.QwEvents;
import io.qualitywatch.risk.features.SmallWorld;
import io.qualitywatch.risk.features.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The BYO command on a city-style export: the generated sampling history rewritten with another
 * jurisdiction's column names, US dates and Pass/Fail results, plus a complaints file.
 */
class ByoCommandTest {
  static final DateTimeFormatter US = DateTimeFormatter.ofPattern("MM/dd/yyyy");

  static final String MAPPING =
      """
      {
        "inspections": {
          "id": "Inspection ID",
          "entity": "License #",
          "date": "Inspection Date",
          "date_format": "MM/dd/yyyy",
          "result": "Results",
          "fail": ["Fail"],
          "pass": ["Pass", "Pass w/ Conditions"],
          "attributes": {"facility_type": "Facility Type", "risk": "Risk", "inspection_type": "Inspection Type"},
          "recheck": {"column": "Inspection Type", "values": ["Re-Inspection"]}
        },
        "complaints": {
          "entity": "Business License",
          "date": "Received",
          "report": {"column": "Kind", "values": ["Report"]}
        }
      }
      """;

  record Result(int exit, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new ModelCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Writes the generated world as a city export; returns the inspections file. */
  static Path writeExport(Path dir) throws IOException {
    QwDataset d = SmallWorld.data();
    Path insp = dir.resolve("inspections.csv");
    List<String> lines = new ArrayList<>();
    lines.add(
        "Inspection ID,DBA Name,License #,Facility Type,Risk,Inspection Date,Inspection Type,Results");
    int n = 0;
    for (Target t : d.targets()) {
      Profile p = d.profiles().get(t.entityId());
      String date =
          Instant.ofEpochMilli(t.timeMillis()).atZone(QwEvents.ZONE).toLocalDate().format(US);
      String result = t.label() == 1 ? "Fail" : (++n % 5 == 0 ? "Pass w/ Conditions" : "Pass");
      lines.add(
          String.join(
              ",",
              t.id(),
              "\"Shop, " + t.entityId().substring(10) + "\"",
              t.entityId(),
              p.attributes().get("industry"),
              "Risk " + p.attributes().get("size_class"),
              date,
              t.recheck() ? "Re-Inspection" : "Canvass",
              result));
      if (n % 97 == 0) {
        lines.add(
            String.join(
                ",",
                "X" + n,
                "Gone",
                t.entityId(),
                "F",
                "Risk 1",
                date,
                "Canvass",
                "Out of Business"));
      }
    }
    Files.write(insp, lines, StandardCharsets.UTF_8);
    List<String> c = new ArrayList<>();
    c.add("Received,Business License,Kind");
    for (HistoryEvent e : d.events()) {
      if (e.kind() == HistoryKind.COMPLAINT || e.kind() == HistoryKind.REPORT) {
        c.add(
            Instant.ofEpochMilli(e.timeMillis()).toString().replace('T', ' ').substring(0, 19)
                + ","
                + e.entityId()
                + ","
                + (e.kind() == HistoryKind.REPORT ? "Report" : "Complaint"));
      }
    }
    Files.write(dir.resolve("complaints.csv"), c, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("map.json"), MAPPING);
    return insp;
  }

  @Test
  void renamedColumnsExportIsTrainedEvaluatedAndScored(@TempDir Path dir) throws IOException {
    Path insp = writeExport(dir);
    Path out = dir.resolve("out/scores.csv");
    Result r =
        run(
            "byo",
            "--inspections",
            insp.toString(),
            "--mapping",
            dir.resolve("map.json").toString(),
            "--complaints",
            dir.resolve("complaints.csv").toString(),
            "--out",
            out.toString(),
            "--trees",
            "30");
    assertEquals(0, r.exit(), r.err() + r.out());
    assertTrue(r.out().contains("gradient_boosting"), r.out());
    assertTrue(r.out().contains("rules"), r.out());
    assertTrue(r.out().matches("(?s).*skipped \\d+ rows with other results.*"), r.out());

    List<CSVRecord> recs = ByoCommandTest.scores(out);
    assertTrue(recs.size() > 1000, "test rows: " + recs.size());
    int[] y = recs.stream().mapToInt(x -> Integer.parseInt(x.get("label"))).toArray();
    double[] s = recs.stream().mapToDouble(x -> Double.parseDouble(x.get("score"))).toArray();
    // The file alone is enough to recompute the printed AUC (to its 3 printed decimals).
    double auc = Metrics.auc(y, s);
    assertTrue(r.out().contains(String.format("gradient_boosting   %.3f", auc)), r.out() + auc);
    assertTrue(auc > 0.6, "AUC " + auc);
    assertTrue(recs.stream().anyMatch(x -> !x.get("top_reasons").isEmpty()));
  }

  @Test
  void aBadDateNamesFileLineAndFormat(@TempDir Path dir) throws IOException {
    Path insp = writeExport(dir);
    List<String> lines = new ArrayList<>(Files.readAllLines(insp));
    lines.set(5, lines.get(5).replaceFirst("\\d\\d/\\d\\d/\\d{4}", "2025-13-45"));
    Files.write(insp, lines);
    Result r = byoOnExport(dir, insp);
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("line 6"), r.err());
    assertTrue(r.err().contains("MM/dd/yyyy"), r.err());
  }

  @Test
  void aMissingColumnIsNamedWithTheHeaderFound(@TempDir Path dir) throws IOException {
    Path insp = writeExport(dir);
    Files.writeString(
        dir.resolve("map.json"), MAPPING.replace("\"License #\"", "\"License Number\""));
    Result r = byoOnExport(dir, insp);
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("[License Number]"), r.err());
    assertTrue(r.err().contains("License #"), r.err());
  }

  @Test
  void aMappingTypoIsRejected(@TempDir Path dir) throws IOException {
    Path insp = writeExport(dir);
    Files.writeString(dir.resolve("map.json"), MAPPING.replace("\"fail\"", "\"failed\""));
    Result r = byoOnExport(dir, insp);
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("failed"), r.err());
  }

  /** The written scores CSV, after checking it has the documented columns in order. */
  static List<CSVRecord> scores(Path out) throws java.io.IOException {
    try (CSVParser p =
        CSVParser.parse(
            out,
            StandardCharsets.UTF_8,
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      assertEquals(
          List.of(
              "id",
              "date",
              "entity",
              "label",
              "score",
              "score_logistic",
              "rules_score",
              "top_reasons"),
          p.getHeaderNames());
      return p.getRecords();
    }
  }

  /** {@code byo} on the export with the test's mapping, scores to {@code s.csv}. */
  private static Result byoOnExport(Path dir, Path insp) {
    return run(
        "byo",
        "--inspections",
        insp.toString(),
        "--mapping",
        dir.resolve("map.json").toString(),
        "--out",
        dir.resolve("s.csv").toString());
  }
}

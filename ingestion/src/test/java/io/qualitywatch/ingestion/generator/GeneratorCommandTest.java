package io.qualitywatch.ingestion.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GeneratorCommandTest {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new GenerateCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void writesTheFilesAndSummarisesCountsAndIncidents(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("gen");
    Run r =
        run(
            "--out",
            out.toString(),
            "--enterprises",
            "1000",
            "--days",
            "60",
            "--seed",
            "3",
            "--provinces",
            "33");
    assertEquals(0, r.exit(), r.err());
    for (String f :
        new String[] {
          "enterprises.jsonl",
          "institutions.jsonl",
          "inspectors.jsonl",
          "events.jsonl",
          "truth.json",
          "manifest.json"
        }) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    JsonNode m = EventCodec.mapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(3, m.get("seed").asLong());
    assertEquals(60, m.get("config").get("days").asInt());
    assertEquals("33", m.get("config").get("provinces").get(0).asText());
    assertTrue(r.out().contains("complaint"), r.out());
    assertTrue(r.out().contains("incidents: "), r.out());
    assertTrue(r.err().contains("events/s"), r.err());
    long lines = Files.lines(out.resolve("enterprises.jsonl")).count();
    assertEquals(1000, lines);
    assertTrue(
        Files.lines(out.resolve("enterprises.jsonl"))
            .allMatch(l -> l.contains("\"region_code\":\"33")));
  }

  @Test
  void noIncidentsLeavesTheTruthEmpty(@TempDir Path dir) throws Exception {
    Run r = run("--out", dir.toString(), "--enterprises", "1000", "--days", "20", "--no-incidents");
    assertEquals(0, r.exit(), r.err());
    JsonNode truth = EventCodec.mapper().readTree(dir.resolve("truth.json").toFile());
    assertEquals(0, truth.get("incidents").size());
  }

  @Test
  void badFlagsFailWithAMessageNamingTheProblem(@TempDir Path dir) {
    Run missingOut = run("--enterprises", "10");
    assertNotEquals(0, missingOut.exit());
    assertTrue(missingOut.err().contains("--out"), missingOut.err());

    Run notANumber = run("--out", dir.toString(), "--enterprises", "lots");
    assertNotEquals(0, notANumber.exit());
    assertTrue(notANumber.err().contains("--enterprises"), notANumber.err());

    Run zero = run("--out", dir.toString(), "--enterprises", "0");
    assertNotEquals(0, zero.exit());
    assertTrue(zero.err().contains("enterprises must be at least 1"), zero.err());

    Run badDate = run("--out", dir.toString(), "--start", "2025-13-01");
    assertNotEquals(0, badDate.exit());
    assertTrue(badDate.err().contains("--start"), badDate.err());

    Run badProvince = run("--out", dir.toString(), "--provinces", "3x");
    assertNotEquals(0, badProvince.exit());
    assertTrue(badProvince.err().contains("province"), badProvince.err());

    Run unknownProvince = run("--out", dir.toString(), "--provinces", "99");
    assertNotEquals(0, unknownProvince.exit());
    assertTrue(unknownProvince.err().contains("99"), unknownProvince.err());

    Run unknownFlag = run("--out", dir.toString(), "--frobnicate");
    assertNotEquals(0, unknownFlag.exit());
    assertTrue(unknownFlag.err().contains("--frobnicate"), unknownFlag.err());
  }
}

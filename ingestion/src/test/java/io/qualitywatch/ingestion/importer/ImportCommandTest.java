package io.qualitywatch.ingestion.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.stack.TestStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = IngestCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static void assertOneLineUsageError(Run r, String mustContain) {
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), "one line, no stack trace: " + r.err());
    assertTrue(r.err().contains(mustContain), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void badInputsExitWithTwoAndOneLine(@TempDir Path dir) throws Exception {
    String csv = ImportMappingTest.resource("import/renamed/samples-gbk.csv").toString();
    assertOneLineUsageError(
        run("--file", dir.resolve("nope.csv").toString(), "--dry-run"), "nope.csv");
    assertOneLineUsageError(
        run("--file", csv, "--mapping", "martian", "--dry-run"), "unknown mapping 'martian'");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{ not json", StandardCharsets.UTF_8);
    assertOneLineUsageError(
        run("--file", csv, "--mapping", broken.toString(), "--dry-run"), "broken.json");
    assertOneLineUsageError(run("--file", csv, "--frobnicate"), "--frobnicate");
    assertOneLineUsageError(run("--dry-run"), "--file");
    // The file's header lacks the mapping's columns.
    assertOneLineUsageError(
        run("--file", csv, "--mapping", "cn-sampling", "--dry-run"), "does not have");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Run r = run("--file", "x.csv", "--mapping", "martian", "--dry-run", "--verbose");
    // The missing file is reported first and needs no trace; an unknown mapping does.
    assertEquals(2, r.code());
    Run m =
        run(
            "--file",
            ImportMappingTest.resource("import/renamed/samples-gbk.csv").toString(),
            "--mapping",
            "martian",
            "--dry-run",
            "--verbose");
    assertEquals(2, m.code());
    assertTrue(m.err().contains("\tat "), m.err());
  }

  @Test
  void dryRunPrintsTheCheckedSummary() {
    Run r =
        run(
            "--file",
            ImportMappingTest.resource("import/renamed/samples-gbk.csv").toString(),
            "--mapping",
            ImportMappingTest.resource("import/renamed/mapping.json").toString(),
            "--registry",
            ImportMappingTest.resource("import/registry-fixture.jsonl").toString(),
            "--dry-run");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("dry run"), r.out());
    assertTrue(r.out().contains("12 = 3 + 1 + 4 + 4 OK"), r.out());
  }

  @Test
  void loadsIntoTheLocalBroker() {
    String bootstrap = TestStack.get().kafkaBootstrap();
    Run r =
        run(
            "--file",
            ImportMappingTest.resource("import/malformed.jsonl").toString(),
            "--bootstrap",
            bootstrap,
            "--topic-prefix",
            "cli" + Long.toString(System.nanoTime(), 36));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().matches("(?s).*events published\\s+2\\b.*"), r.out());
  }
}

package io.qualitywatch.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start, status, reuse and stop of a separate stack (its own data dir), and the CLI's errors. */
class StackLifecycleTest {

  @Test
  void startStatusStop() throws Exception {
    Path dir = Path.of("target", "qw-lifecycle-stack").toAbsolutePath();
    StackConfig config = StackConfig.defaults().withDataDir(dir);
    LocalStack.stop(config); // leftovers of an aborted earlier run
    LocalStack stack = LocalStack.startOrReuse(config);
    try {
      assertTrue(stack.startedHere());
      System.out.printf(
          "lifecycle stack started in %d ms (es %d ms, kafka %d ms)%n",
          stack.startupMillis(), stack.info().esStartupMillis(), stack.info().kafkaStartupMillis());
      assertTrue(stack.elasticsearchUrl().startsWith("http://127.0.0.1:"));
      assertTrue(stack.kafkaBootstrap().startsWith("127.0.0.1:"));
      assertTrue(Files.exists(dir.resolve(LocalStack.STATE_FILE)));

      Optional<StackStatus> status = LocalStack.status(config);
      assertTrue(status.isPresent() && status.get().running());
      assertFalse(status.get().detached());

      try (LocalStack reused = LocalStack.startOrReuse(config)) {
        assertFalse(reused.startedHere());
        assertEquals(stack.elasticsearchUrl(), reused.elasticsearchUrl());
        assertEquals(stack.kafkaBootstrap(), reused.kafkaBootstrap());
      }
      assertTrue(LocalStack.status(config).orElseThrow().running());

      long esPid = stack.info().esPid();
      long kafkaPid = stack.info().kafkaPid();
      assertTrue(LocalStack.stop(config));
      assertFalse(ProcessHandle.of(esPid).map(ProcessHandle::isAlive).orElse(false));
      assertFalse(ProcessHandle.of(kafkaPid).map(ProcessHandle::isAlive).orElse(false));
      assertTrue(LocalStack.status(config).isEmpty());
      assertFalse(LocalStack.stop(config));
    } finally {
      stack.close(); // no-op when already stopped
    }
  }

  @Test
  void resetStopsARunningStackAndDeletesItsData() throws Exception {
    Path dir = Path.of("target", "qw-reset-stack").toAbsolutePath();
    StackConfig config = StackConfig.defaults().withDataDir(dir);
    LocalStack.reset(config); // leftovers of an aborted earlier run
    try (LocalStack stack = LocalStack.startOrReuse(config)) {
      long esPid = stack.info().esPid();
      long kafkaPid = stack.info().kafkaPid();
      LocalStack.reset(config);
      assertFalse(ProcessHandle.of(esPid).map(ProcessHandle::isAlive).orElse(false));
      assertFalse(ProcessHandle.of(kafkaPid).map(ProcessHandle::isAlive).orElse(false));
      assertFalse(Files.exists(dir));
      // A fresh start in the same place begins from empty data.
      try (LocalStack fresh = LocalStack.startOrReuse(config)) {
        assertTrue(fresh.startedHere());
      }
    }
  }

  @Test
  void cliRejectsUnknownArguments() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(2, StackMain.run(new String[] {"frobnicate"}, out, errStream));
    assertEquals(2, StackMain.run(new String[] {"start", "--bogus"}, out, errStream));
    assertEquals(2, StackMain.run(new String[0], out, errStream));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command: frobnicate"));
  }
}

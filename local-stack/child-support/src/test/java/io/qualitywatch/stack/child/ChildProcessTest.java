package io.qualitywatch.stack.child;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
  @Test
  void argumentsArePairsAndMissingOnesAreNamed() {
    Map<String, String> opts =
        ChildProcess.parseArgs(new String[] {"--data-dir", "/d", "--port", "0"});
    assertEquals(Map.of("--data-dir", "/d", "--port", "0"), opts);
    assertEquals(
        "bad argument: --port",
        assertThrows(
                IllegalArgumentException.class,
                () -> ChildProcess.parseArgs(new String[] {"--data-dir", "/d", "--port"}))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ChildProcess.parseArgs(new String[] {"x", "y"}));
    assertEquals(
        "missing --ready-file",
        assertThrows(
                IllegalArgumentException.class, () -> ChildProcess.require(opts, "--ready-file"))
            .getMessage());
  }

  @Test
  void theReadyFileAppearsWholeAndReplacesAnOldOne(@TempDir Path dir) throws Exception {
    Path ready = dir.resolve("sub/ready.properties");
    Properties first = new Properties();
    first.setProperty("port", "1");
    ChildProcess.writeReadyFile(ready, first);
    Properties second = new Properties();
    second.setProperty("port", "9200");
    second.setProperty("url", "http://127.0.0.1:9200");
    ChildProcess.writeReadyFile(ready, second);
    Properties read = new Properties();
    try (Reader r = Files.newBufferedReader(ready)) {
      read.load(r);
    }
    assertEquals(second, read);
    assertFalse(Files.exists(dir.resolve("sub/ready.properties.tmp")));
    assertTrue(Files.isRegularFile(ready));
  }
}

package io.qualitywatch.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.stack.child.ChildProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The children's classpaths: every entry exists, and the shared child code is the launcher's own
 * copy. The build-time resource once named qw-stack-child by its reactor target/ path, so an
 * installed jar broke the stack whenever that other checkout changed.
 */
class ChildClasspathTest {

  @Test
  void childCodeComesFromTheLauncherAndEveryEntryExists() throws Exception {
    Path ours =
        Path.of(ChildProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    for (String module : List.of("qw-es-node", "qw-kafka-broker")) {
      List<String> entries =
          Arrays.asList(LocalStack.childClasspath(module).split(File.pathSeparator));
      List<String> child =
          entries.stream()
              .filter(e -> e.contains("qw-stack-child") || e.contains("child-support"))
              .toList();
      assertEquals(List.of(ours.toString()), child, module + ": one copy of the child code, ours");
      for (String e : entries) {
        assertTrue(Files.exists(Path.of(e)), module + ": missing classpath entry " + e);
      }
    }
  }
}

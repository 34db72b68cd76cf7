package io.qualitywatch.stack.child;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The contract between the launcher and a server child JVM: {@code --key value} arguments, a ready
 * file written only once the server answers (the launcher polls for it, so it must never be seen
 * half-written), and no orphan servers when the launcher dies.
 */
public final class ChildProcess {
  private ChildProcess() {}

  /** A child's start-up, which may fail in any way. */
  @FunctionalInterface
  public interface StartUp {
    void run() throws Exception;
  }

  /**
   * Runs a child's start-up; any failure is printed (the launcher shows the log's last lines) and
   * ends the JVM with status 1 — non-daemon server threads would otherwise keep a half-started JVM
   * alive.
   */
  public static void startOrExit(String what, StartUp startUp) {
    try {
      startUp.run();
    } catch (Throwable t) {
      System.err.println(what + " failed to start:");
      t.printStackTrace();
      System.exit(1);
    }
  }

  /** {@code --key value} pairs; anything else is a launcher bug and fails loudly. */
  public static Map<String, String> parseArgs(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("bad argument: " + args[i]);
      }
      m.put(args[i], args[++i]);
    }
    return m;
  }

  public static String require(Map<String, String> opts, String key) {
    String v = opts.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return v;
  }

  /**
   * Exits this JVM when the process {@code parentPid} exits (or at once if it is already gone): a
   * detached server must not outlive a test run or a killed CLI. No-op for {@code null}.
   */
  public static void watchParent(String parentPid) {
    if (parentPid == null) {
      return;
    }
    ProcessHandle.of(Long.parseLong(parentPid))
        .ifPresentOrElse(
            parent ->
                parent
                    .onExit()
                    .thenRun(
                        () -> {
                          System.err.println("parent process " + parentPid + " exited; stopping");
                          System.exit(0);
                        }),
            () -> {
              System.err.println("parent process " + parentPid + " not alive; stopping");
              System.exit(0);
            });
  }

  /** Writes {@code props} to a sibling temporary file and renames it over {@code file}. */
  public static void writeReadyFile(Path file, Properties props) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      props.store(w, "qualitywatch local stack");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

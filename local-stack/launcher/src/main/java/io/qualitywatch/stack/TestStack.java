package io.qualitywatch.stack;

import java.nio.file.Path;

/**
 * One local stack per JVM for integration tests of any module. The data dir is system property
 * {@code qw.stack.dir}, else {@code <repo root>/target/qw-test-stack} (repo root = system property
 * {@code qw.repo.root}, which the parent pom's surefire configuration sets, else the working dir).
 * A stack already running there (e.g. started once with {@code StackMain start --detach} before
 * {@code mvn verify}) is reused and left running; one started here is stopped when the JVM exits.
 */
public final class TestStack {

  private static LocalStack stack;

  private TestStack() {}

  public static synchronized LocalStack get() {
    if (stack == null) {
      LocalStack s = LocalStack.startOrReuse(StackConfig.defaults().withDataDir(dataDir()));
      if (s.startedHere()) {
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, "qw-test-stack-stop"));
      }
      stack = s;
    }
    return stack;
  }

  static Path dataDir() {
    String dir = System.getProperty("qw.stack.dir");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir).toAbsolutePath();
    }
    String root = System.getProperty("qw.repo.root");
    Path base = root == null || root.isBlank() ? Path.of("") : Path.of(root);
    return base.toAbsolutePath().resolve("target").resolve("qw-test-stack");
  }
}

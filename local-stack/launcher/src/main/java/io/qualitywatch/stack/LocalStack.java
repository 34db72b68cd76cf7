package io.qualitywatch.stack;

import io.qualitywatch.stack.child.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local Elasticsearch node and Kafka broker, each in its own child JVM, bound to 127.0.0.1.
 *
 * <p>{@link #startOrReuse(StackConfig)} reuses a stack recorded in {@code
 * <dataDir>/stack.properties} when its processes are alive and answer; otherwise it starts both
 * services in parallel. {@link #close()} stops only what this instance started. Unless started
 * detached, the children also stop by themselves when the JVM that started them exits, however it
 * exits.
 *
 * <p>The embedded Elasticsearch node is a local/test default only (its server jars are AGPL-3.0 /
 * SSPL / Elastic License 2.0).
 */
public final class LocalStack implements AutoCloseable {

  static final String STATE_FILE = "stack.properties";
  static final String ES_MAIN = "io.qualitywatch.stack.es.EsNodeMain";
  static final String KAFKA_MAIN = "io.qualitywatch.stack.kafka.KafkaBrokerMain";
  private static final String ES_MODULE = "qw-es-node";
  private static final String KAFKA_MODULE = "qw-kafka-broker";
  private static final Object JVM_LOCK = new Object();

  private final StackConfig config;
  private final StackStatus status;
  private final boolean startedHere;
  private final long startupMillis;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalStack(StackConfig config, StackStatus status, boolean startedHere, long millis) {
    this.config = config;
    this.status = status;
    this.startedHere = startedHere;
    this.startupMillis = millis;
  }

  /** Reuses the stack recorded in the config's data dir if it is up, else starts one. */
  public static LocalStack startOrReuse(StackConfig config) {
    return startOrReuse(config, false);
  }

  /**
   * Like {@link #startOrReuse(StackConfig)}; with {@code detached} the children are started in
   * their own session and do not watch this JVM, so they keep running after it exits.
   */
  public static LocalStack startOrReuse(StackConfig config, boolean detached) {
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(config.dataDir());
      synchronized (JVM_LOCK) {
        try (FileChannel ch =
                FileChannel.open(
                    config.dataDir().resolve("stack.lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock ignored = ch.lock()) {
          Optional<StackStatus> existing = status(config);
          if (existing.isPresent() && existing.get().running()) {
            return new LocalStack(config, existing.get(), false, millisSince(t0));
          }
          if (existing.isPresent()) {
            // Half-dead leftovers (one service died): stop what remains and start afresh.
            stopProcesses(existing.get());
            Files.deleteIfExists(stateFile(config));
          }
          StackStatus started = startChildren(config, detached);
          writeState(config, started);
          return new LocalStack(config, started, true, millisSince(t0));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start local stack in " + config.dataDir(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting local stack", e);
    }
  }

  /** The stack recorded in the config's data dir, if any, and whether it answers now. */
  public static Optional<StackStatus> status(StackConfig config) {
    Properties p;
    try {
      p = readProperties(stateFile(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (p == null) {
      return Optional.empty();
    }
    try {
      String url = p.getProperty("es.url");
      long esPid = Long.parseLong(p.getProperty("es.pid"));
      String bootstrap = p.getProperty("kafka.bootstrap");
      long kafkaPid = Long.parseLong(p.getProperty("kafka.pid"));
      boolean esUp = isOurs(esPid, ES_MAIN) && httpAnswers(url);
      boolean kafkaUp = isOurs(kafkaPid, KAFKA_MAIN) && tcpAnswers(bootstrap);
      return Optional.of(
          new StackStatus(
              url,
              esPid,
              Long.parseLong(p.getProperty("es.startup.millis", "0")),
              esUp,
              bootstrap,
              kafkaPid,
              Long.parseLong(p.getProperty("kafka.startup.millis", "0")),
              kafkaUp,
              Instant.parse(p.getProperty("started.at")),
              Boolean.parseBoolean(p.getProperty("detached"))));
    } catch (RuntimeException e) {
      // Unreadable/partial state file: treat as "nothing usable recorded".
      return Optional.empty();
    }
  }

  /**
   * Stops any stack recorded in the config's data dir and deletes the dir, so the next start begins
   * with empty topics and indices (the demo and benchmarks describe only their own run).
   */
  public static void reset(StackConfig config) {
    stop(config);
    if (!Files.exists(config.dataDir())) {
      return;
    }
    try (var paths = Files.walk(config.dataDir())) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete stack data " + config.dataDir(), e);
    }
  }

  /**
   * Stops the stack recorded in the config's data dir (SIGTERM, wait, then kill) and removes the
   * state file.
   *
   * @return whether a stack was recorded
   */
  public static boolean stop(StackConfig config) {
    synchronized (JVM_LOCK) {
      try {
        Files.createDirectories(config.dataDir());
        try (FileChannel ch =
                FileChannel.open(
                    config.dataDir().resolve("stack.lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock ignored = ch.lock()) {
          Properties p = readProperties(stateFile(config));
          if (p == null) {
            return false;
          }
          List<ProcessHandle> procs = new ArrayList<>();
          ours(p.getProperty("es.pid"), ES_MAIN).ifPresent(procs::add);
          ours(p.getProperty("kafka.pid"), KAFKA_MAIN).ifPresent(procs::add);
          terminate(procs);
          Files.deleteIfExists(stateFile(config));
          return true;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public String kafkaBootstrap() {
    return status.kafkaBootstrap();
  }

  public String elasticsearchUrl() {
    return status.elasticsearchUrl();
  }

  /** Wall-clock time {@code startOrReuse} took (start-up, or only the liveness check on reuse). */
  public long startupMillis() {
    return startupMillis;
  }

  /** Whether this instance started the services (and so {@link #close()} stops them). */
  public boolean startedHere() {
    return startedHere;
  }

  /** The state as recorded when this instance was created. */
  public StackStatus info() {
    return status;
  }

  public StackConfig config() {
    return config;
  }

  /** Stops the services if this instance started them; a reused stack is left running. */
  @Override
  public void close() {
    if (!startedHere || !closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (JVM_LOCK) {
      stopProcesses(status);
      try {
        Properties p = readProperties(stateFile(config));
        if (p != null && Long.toString(status.esPid()).equals(p.getProperty("es.pid"))) {
          Files.deleteIfExists(stateFile(config));
        }
      } catch (IOException e) {
        // best effort
      }
    }
  }

  @Override
  public String toString() {
    return "LocalStack[es=" + elasticsearchUrl() + ", kafka=" + kafkaBootstrap() + "]";
  }

  // ---------------------------------------------------------------------------------------------

  private static StackStatus startChildren(StackConfig config, boolean detached)
      throws IOException, InterruptedException {
    Path dir = config.dataDir();
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path run = Files.createDirectories(dir.resolve("run"));
    Path esReady = run.resolve("elasticsearch.ready");
    Path kafkaReady = run.resolve("kafka.ready");
    Files.deleteIfExists(esReady);
    Files.deleteIfExists(kafkaReady);
    Path esLog = logs.resolve("elasticsearch.log");
    Path kafkaLog = logs.resolve("kafka.log");

    Process es =
        spawn(
            javaCommand(
                config.esHeap(),
                ES_MAIN,
                detached,
                "--data-dir",
                dir.resolve("elasticsearch").toString(),
                "--ready-file",
                esReady.toString(),
                "--http-port",
                Integer.toString(config.esHttpPort())),
            childClasspath(ES_MODULE),
            esLog,
            detached);
    Process kafka;
    try {
      kafka =
          spawn(
              javaCommand(
                  config.kafkaHeap(),
                  KAFKA_MAIN,
                  detached,
                  "--data-dir",
                  dir.resolve("kafka").toString(),
                  "--ready-file",
                  kafkaReady.toString(),
                  "--port",
                  Integer.toString(config.kafkaPort())),
              childClasspath(KAFKA_MODULE),
              kafkaLog,
              detached);
    } catch (IOException | RuntimeException e) {
      terminate(List.of(es.toHandle()));
      throw e;
    }

    long deadline = System.nanoTime() + config.startTimeout().toNanos();
    Properties esProps = null;
    Properties kafkaProps = null;
    try {
      while (esProps == null || kafkaProps == null) {
        if (esProps == null) {
          esProps = readProperties(esReady);
          if (esProps == null && !es.isAlive()) {
            throw childDied("Elasticsearch", es, esLog);
          }
        }
        if (kafkaProps == null) {
          kafkaProps = readProperties(kafkaReady);
          if (kafkaProps == null && !kafka.isAlive()) {
            throw childDied("Kafka", kafka, kafkaLog);
          }
        }
        if (System.nanoTime() > deadline && (esProps == null || kafkaProps == null)) {
          boolean esLate = esProps == null;
          throw new IllegalStateException(
              (esLate ? "Elasticsearch" : "Kafka")
                  + " not ready after "
                  + config.startTimeout().toSeconds()
                  + " s; last lines of "
                  + (esLate ? esLog : kafkaLog)
                  + ":\n"
                  + tail(esLate ? esLog : kafkaLog, 40));
        }
        Thread.sleep(50);
      }
    } catch (RuntimeException | InterruptedException e) {
      terminate(List.of(es.toHandle(), kafka.toHandle()));
      throw e;
    }
    return new StackStatus(
        esProps.getProperty("url"),
        Long.parseLong(esProps.getProperty("pid")),
        Long.parseLong(esProps.getProperty("startup.millis", "0")),
        true,
        kafkaProps.getProperty("bootstrap.servers"),
        Long.parseLong(kafkaProps.getProperty("pid")),
        Long.parseLong(kafkaProps.getProperty("startup.millis", "0")),
        true,
        Instant.now(),
        detached);
  }

  private static IllegalStateException childDied(String what, Process p, Path log) {
    return new IllegalStateException(
        what
            + " JVM exited with code "
            + p.exitValue()
            + " before it was ready; last lines of "
            + log
            + ":\n"
            + tail(log, 40));
  }

  private static List<String> javaCommand(
      String heap, String mainClass, boolean detached, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.add("-Xmx" + heap);
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-Dfile.encoding=UTF-8");
    String level = System.getProperty("qw.stack.log.level");
    if (level != null) {
      cmd.add("-Dqw.log.level=" + level);
    }
    // The classpath goes in the CLASSPATH environment variable (see spawn): on Linux the JDK reads
    // at most one page of /proc/<pid>/cmdline, and the main class must stay visible to isOurs().
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    if (!detached) {
      cmd.add("--parent-pid");
      cmd.add(Long.toString(ProcessHandle.current().pid()));
    }
    return cmd;
  }

  private static Process spawn(List<String> cmd, String classpath, Path log, boolean detached)
      throws IOException {
    List<String> full = new ArrayList<>();
    Path setsid = Path.of("/usr/bin/setsid");
    if (detached && Files.isExecutable(setsid)) {
      // Own session: a Ctrl-C in the terminal that ran "start --detach" does not reach them.
      full.add(setsid.toString());
    }
    full.addAll(cmd);
    ProcessBuilder pb =
        new ProcessBuilder(full)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    pb.environment().put("CLASSPATH", classpath);
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  private static String javaExecutable() {
    Optional<String> current = ProcessHandle.current().info().command();
    if (current.isPresent() && Files.isExecutable(Path.of(current.get()))) {
      return current.get();
    }
    boolean windows = System.getProperty("os.name", "").toLowerCase().contains("win");
    return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java")
        .toString();
  }

  /**
   * The child's classpath: the entries of {@code <module>.classpath} (written by
   * maven-dependency-plugin at build time) plus the jar or classes dir holding that resource.
   */
  static String childClasspath(String module) {
    String resource = module + ".classpath";
    URL url = LocalStack.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException(
          resource
              + " not found on the classpath: add io.qualitywatch:"
              + module
              + " (exclude *:*)");
    }
    String deps;
    try (InputStream in = url.openStream()) {
      deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path self;
    try {
      if ("jar".equals(url.getProtocol())) {
        String s = url.toString();
        self = Path.of(new URI(s.substring("jar:".length(), s.indexOf("!/"))));
      } else if ("file".equals(url.getProtocol())) {
        self = Path.of(url.toURI()).getParent();
      } else {
        throw new IllegalStateException("cannot locate " + module + " from " + url);
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    // ChildProcess comes from the launcher's own classpath, not from the resource: a path written
    // at build time may point into another checkout's target/ directory.
    String child = codeSource(ChildProcess.class).toString();
    String head = self + File.pathSeparator + child;
    return deps.isEmpty() ? head : head + File.pathSeparator + deps;
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeState(StackConfig config, StackStatus s) throws IOException {
    Properties p = new Properties();
    p.setProperty("es.url", s.elasticsearchUrl());
    p.setProperty("es.pid", Long.toString(s.esPid()));
    p.setProperty("es.startup.millis", Long.toString(s.esStartupMillis()));
    p.setProperty("kafka.bootstrap", s.kafkaBootstrap());
    p.setProperty("kafka.pid", Long.toString(s.kafkaPid()));
    p.setProperty("kafka.startup.millis", Long.toString(s.kafkaStartupMillis()));
    p.setProperty("started.at", s.startedAt().toString());
    p.setProperty("detached", Boolean.toString(s.detached()));
    p.setProperty("launcher.pid", Long.toString(ProcessHandle.current().pid()));
    Path file = stateFile(config);
    Path tmp = file.resolveSibling(STATE_FILE + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "QualityWatch local stack");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static Path stateFile(StackConfig config) {
    return config.dataDir().resolve(STATE_FILE);
  }

  private static Properties readProperties(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(r);
      return p;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static void stopProcesses(StackStatus s) {
    List<ProcessHandle> procs = new ArrayList<>();
    ours(Long.toString(s.esPid()), ES_MAIN).ifPresent(procs::add);
    ours(Long.toString(s.kafkaPid()), KAFKA_MAIN).ifPresent(procs::add);
    terminate(procs);
  }

  /** SIGTERM all, wait up to 30 s, then SIGKILL what is left. */
  private static void terminate(List<ProcessHandle> procs) {
    procs.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (ProcessHandle h : procs) {
      try {
        long left = Math.max(1, deadline - System.nanoTime());
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
        try {
          h.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // give up
        }
      }
    }
  }

  private static Optional<ProcessHandle> ours(String pid, String mainClass) {
    if (pid == null) {
      return Optional.empty();
    }
    long p = Long.parseLong(pid);
    return isOurs(p, mainClass) ? ProcessHandle.of(p) : Optional.empty();
  }

  /** Alive and (when the OS tells) running our main class, so a recycled pid is never killed. */
  private static boolean isOurs(long pid, String mainClass) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(h -> h.info().commandLine().map(c -> c.contains(mainClass)).orElse(true))
        .orElse(false);
  }

  private static boolean httpAnswers(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url + "/").toURL().openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(5000);
      try {
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean tcpAnswers(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(
              hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
          2000);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static long millisSince(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }
}

package io.qualitywatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qw batch}: the Spark batch jobs (archive, ratings, institution evaluation, inspection
 * plan, coverage) in their own JVM through {@code SparkSubmit --master local[N]}. Spark needs slf4j
 * 2 and its own Jackson, this JVM has Flink and slf4j 1.7: they never share a classpath. The child
 * gets the classpath the batch-jobs build wrote ({@code batch-jobs/target/batch.classpath}).
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description =
        "Run the yearly batch analytics (Spark, local): archive Kafka to Parquet, ratings A-D,"
            + " institution evaluation, double-random plan, coverage vs targets; index into"
            + " Elasticsearch.")
public class BatchCommand implements Callable<Integer> {
  /**
   * Spark's own JVM options for Java 17 (org.apache.spark.launcher.JavaModuleOptions), less {@code
   * --add-modules=jdk.incubator.vector}: only Spark ML's vectorised BLAS uses it, the batch jobs do
   * not, and the JVM prints a warning for it into the CLI's output.
   */
  static final List<String> SPARK_JVM_OPTIONS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true",
          "--enable-native-access=ALL-UNNAMED");

  @Option(names = "--config", description = "Configuration file (properties).")
  Path config;

  @Option(names = "--year", description = "Rating year (default: last year).")
  Integer year;

  @Option(names = "--archive", description = "First archive the Kafka event topics into the lake.")
  boolean archive;

  @Option(
      names = "--reference-dir",
      description = "Load enterprises/institutions/inspectors .jsonl from this directory.")
  Path referenceDir;

  @Option(names = "--index", description = "Also index the outputs into Elasticsearch.")
  boolean index;

  @Option(names = "--seed", description = "Inspection plan seed (default batch.plan.seed).")
  Long seed;

  @Option(
      names = "--model-registry",
      paramLabel = "DIR",
      description =
          "Add the learned model's failure probability to the ratings: registry directory (same as"
              + " batch.model.registry); needs --model-version.")
  Path modelRegistry;

  @Option(
      names = "--model-version",
      paramLabel = "VERSION",
      description = "Registry version to load (batch.model.version), e.g. from qw model train.")
  String modelVersion;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws Exception {
    List<String> args = new ArrayList<>();
    args.add("--year");
    args.add(String.valueOf(year != null ? year : LocalDate.now().getYear() - 1));
    if (config != null) {
      args.add("--config");
      args.add(config.toAbsolutePath().toString());
    }
    if (archive) {
      args.add("--archive");
    }
    if (referenceDir != null) {
      args.add("--reference-dir");
      args.add(referenceDir.toAbsolutePath().toString());
    }
    if (index) {
      args.add("--index");
    }
    if (seed != null) {
      args.add("--seed=" + seed);
    }
    Map<String, String> conf = new java.util.LinkedHashMap<>();
    if (modelRegistry != null) {
      conf.put("batch.model.registry", modelRegistry.toAbsolutePath().toString());
    }
    if (modelVersion != null) {
      conf.put("batch.model.version", modelVersion);
    }
    return launch(conf, args);
  }

  /**
   * Runs BatchMain in a child JVM and waits for it; its output goes to this process's output.
   *
   * @param config configuration keys passed as {@code -Dqw.<key>} (e.g. the local stack's
   *     endpoints)
   */
  static int launch(Map<String, String> config, List<String> args)
      throws IOException, InterruptedException {
    return launch(
        "io.qualitywatch.batch.BatchMain",
        System.getenv().getOrDefault("QW_BATCH_JAVA_OPTS", "-Xmx2g"),
        config,
        args);
  }

  /**
   * Runs a main class of batch-jobs in a child Spark JVM ({@code SparkSubmit --master local[N]}).
   *
   * @param heap the child's heap option(s), e.g. {@code -Xmx3g}
   */
  public static int launch(
      String mainClass, String heap, Map<String, String> config, List<String> args)
      throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("qw.repo.root", ".")).toAbsolutePath();
    Path target = root.resolve("batch-jobs/target");
    Path cpFile = target.resolve("batch.classpath");
    Path jar = target.resolve("batch-jobs-0.1.0-SNAPSHOT.jar");
    if (!Files.isRegularFile(cpFile) || !Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "batch jobs not built: run `mvn -pl batch-jobs -am install -DskipTests` in " + root);
    }
    String cp = jar + java.io.File.pathSeparator + Files.readString(cpFile).trim();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(SPARK_JVM_OPTIONS);
    cmd.addAll(List.of(heap.trim().split("\\s+")));
    cmd.add("-Dqw.repo.root=" + root);
    // The CLI's own quiet logging, not Spark's default INFO profile (dozens of start-up lines).
    cmd.add("-Dlog4j2.configurationFile=" + childLogConfig());
    if (Boolean.getBoolean("qw.verbose")) {
      cmd.add("-Dqw.log.level=info");
    }
    config.forEach((k, v) -> cmd.add("-Dqw." + k + "=" + v));
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add("org.apache.spark.deploy.SparkSubmit");
    cmd.add("--master");
    cmd.add("local[" + Runtime.getRuntime().availableProcessors() + "]");
    cmd.add("--class");
    cmd.add(mainClass);
    cmd.add(jar.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start().waitFor();
  }

  /** The CLI's log4j2.properties as a file the child JVM can read (it is inside the CLI's jar). */
  private static Path childLogConfig() throws IOException {
    Path file = Files.createTempFile("qw-spark-log4j2", ".properties");
    file.toFile().deleteOnExit();
    try (var in = BatchCommand.class.getResourceAsStream("/log4j2.properties")) {
      if (in == null) {
        throw new IllegalStateException("log4j2.properties missing from the CLI's classpath");
      }
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}

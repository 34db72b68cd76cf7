package io.qualitywatch.cli.bench;

import io.qualitywatch.cli.BatchCommand;
import io.qualitywatch.stack.LocalStack;
import io.qualitywatch.stack.StackConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qw bench batch}: the batch scale benchmark. Starts (or reuses) the local stack for its
 * Elasticsearch node, then runs {@code io.qualitywatch.batch.bench.BatchBenchmark} in its own Spark
 * JVM like {@code qw batch}: synthetic lakes of 1M and 5M enterprises, the rating + coverage jobs
 * on Spark vs the core aggregation on DuckDB, the batch indexer vs raw {@code _bulk}; writes
 * docs/benchmarks/batch.json.
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description =
        "Batch scale benchmark: rating + coverage on Spark vs DuckDB for 1M and 5M enterprises,"
            + " indexer vs raw _bulk; writes docs/benchmarks/batch.json.")
public class BatchBenchmarkCommand implements Callable<Integer> {
  @Option(
      names = "--sizes",
      description = "Register sizes, comma-separated (default 1000000,5000000).")
  String sizes = "1000000,5000000";

  @Option(
      names = "--index-docs",
      description = "Documents indexed per size (default 200000; 0 = skip).")
  int indexDocs = 200_000;

  @Option(names = "--seed", description = "Seed (default 42).")
  long seed = 42;

  @Option(names = "--work-dir", description = "Lakes and template (default .qw/bench/batch).")
  Path workDir;

  @Option(
      names = "--stack-dir",
      description = "Local stack data directory (default .qw/bench/stack).")
  Path stackDir;

  @Option(names = "--out", description = "JSON report (default docs/benchmarks/batch.json).")
  Path out;

  @Option(names = "--heap", description = "Heap of the Spark JVM (default -Xmx6g).")
  String heap = "-Xmx6g";

  @Override
  public Integer call() throws Exception {
    Path root = Path.of(System.getProperty("qw.repo.root", ".")).toAbsolutePath();
    Path work = workDir != null ? workDir.toAbsolutePath() : root.resolve(".qw/bench/batch");
    Path report = out != null ? out.toAbsolutePath() : root.resolve("docs/benchmarks/batch.json");
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--sizes", sizes, "--seed", String.valueOf(seed)));
    args.addAll(List.of("--dir", work.toString(), "--out", report.toString()));
    args.addAll(List.of("--index-docs", String.valueOf(indexDocs)));
    String cmd = "./qw bench batch";
    if (!"1000000,5000000".equals(sizes)) {
      cmd += " --sizes " + sizes;
    }
    args.add("--command=" + cmd);
    if (indexDocs <= 0) {
      return BatchCommand.launch(
          "io.qualitywatch.batch.bench.BatchBenchmark", heap, Map.of(), args);
    }
    StackConfig stack =
        StackConfig.defaults()
            .withDataDir(stackDir != null ? stackDir : root.resolve(".qw/bench/stack"));
    try (LocalStack s = LocalStack.startOrReuse(stack, false)) {
      System.out.printf("stack          elasticsearch %s%n", s.elasticsearchUrl());
      return BatchCommand.launch(
          "io.qualitywatch.batch.bench.BatchBenchmark",
          heap,
          Map.of("elasticsearch.url", s.elasticsearchUrl(), "elasticsearch.local.node", "true"),
          args);
    }
  }
}

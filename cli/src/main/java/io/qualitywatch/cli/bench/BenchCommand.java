package io.qualitywatch.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code qw bench ...}: benchmarks that print figures and write docs/benchmarks/*.json. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: figures printed and written to docs/benchmarks/.",
    subcommands = {DetectionBenchmark.class, StreamingBenchmark.class, BatchBenchmarkCommand.class})
public class BenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}

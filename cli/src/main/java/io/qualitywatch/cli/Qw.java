package io.qualitywatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code qw} command: one entry point for the local stack, data, jobs and reports. */
@Command(
    name = "qw",
    mixinStandardHelpOptions = true,
    version = "QualityWatch 0.1.0",
    description = "QualityWatch: product-quality supervision and risk early warning.",
    subcommands = {
      DemoCommand.class,
      StackCommand.class,
      io.qualitywatch.ingestion.generator.GenerateCommand.class,
      io.qualitywatch.ingestion.importer.IngestCommand.class,
      StreamCommand.class,
      RulesCommand.class,
      io.qualitywatch.cli.bench.BenchCommand.class,
      io.qualitywatch.risk.byo.ModelCommand.class,
      BatchCommand.class,
      IndicesCommand.class,
      KibanaCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Qw implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Bad flags print a one-line error and the usage, exit code 2; failures exit 1. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Qw());
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          boolean verbose = Boolean.getBoolean("qw.verbose");
          cmd.getErr().println("qw " + cmd.getCommandName() + ": " + ex.getMessage());
          if (verbose) {
            ex.printStackTrace(cmd.getErr());
          } else {
            cmd.getErr().println("(run with --verbose for details)");
          }
          return 1;
        });
    return cl;
  }
}

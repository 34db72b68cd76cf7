package io.qualitywatch.risk.byo;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code qw model}: the learned models' commands. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description =
        "Learned failure-prediction models: bring-your-own-data evaluation, training the jobs' model.",
    subcommands = {
      ByoCommand.class,
      io.qualitywatch.risk.serving.TrainCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

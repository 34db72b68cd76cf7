package io.qualitywatch.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: log at INFO for our code and WARN for libraries, print stack traces. */
public class Verbosity {
  @Option(names = "--verbose", description = "Log details and print stack traces.")
  void setVerbose(boolean verbose) {
    if (verbose) {
      System.setProperty("qw.verbose", "true");
      System.setProperty("qw.log.level", "info");
      org.apache.logging.log4j.core.config.Configurator.setLevel(
          "io.qualitywatch", org.apache.logging.log4j.Level.INFO);
      org.apache.logging.log4j.core.config.Configurator.setRootLevel(
          org.apache.logging.log4j.Level.WARN);
    }
  }
}

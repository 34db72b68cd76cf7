package io.qualitywatch.cli;

import io.qualitywatch.stack.LocalStack;
import io.qualitywatch.stack.StackConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qw stack start|stop|status}: the embedded Kafka broker and Elasticsearch node. */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = "Start, stop or show the local Kafka broker and Elasticsearch node (127.0.0.1).")
public class StackCommand implements Callable<Integer> {
  enum Action {
    start,
    stop,
    status
  }

  @Parameters(index = "0", description = "start | stop | status")
  Action action;

  @Option(names = "--dir", description = "Data directory (default: $QW_STACK_DIR or ./.qw/stack).")
  Path dir;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() {
    StackConfig config =
        dir == null ? StackConfig.defaults() : StackConfig.defaults().withDataDir(dir);
    switch (action) {
      case start -> {
        LocalStack stack = LocalStack.startOrReuse(config, true);
        System.out.println(
            (stack.startedHere() ? "started" : "already running")
                + String.format(" in %.1f s", stack.startupMillis() / 1000.0));
        System.out.println("kafka          " + stack.kafkaBootstrap());
        System.out.println("elasticsearch  " + stack.elasticsearchUrl());
        System.out.println("data           " + config.dataDir());
      }
      case stop -> System.out.println(LocalStack.stop(config) ? "stopped" : "not running");
      case status -> {
        var status = LocalStack.status(config);
        if (status.isEmpty()) {
          System.out.println("not running (data dir " + config.dataDir() + ")");
          return 3;
        }
        System.out.println(status.get());
      }
    }
    return 0;
  }
}

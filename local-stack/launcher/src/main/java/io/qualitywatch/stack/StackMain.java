package io.qualitywatch.stack;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code start [--detach]}, {@code stop}, {@code status} for the local stack in {@link
 * StackConfig#defaults()}'s data dir (system property {@code qw.stack.dir}, env {@code
 * QW_STACK_DIR}, else {@code ./.qw/stack}).
 *
 * <p>Exit codes: 0 ok, 1 failure, 2 usage error, 3 ({@code status}) no running stack.
 */
public final class StackMain {

  private StackMain() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
    // negative: foreground "start" - keep running until Ctrl-C / SIGTERM
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs a command; returns the exit code, or -1 when a foreground stack should keep running. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      return usage(err, "missing command");
    }
    StackConfig config = StackConfig.defaults();
    try {
      switch (args[0]) {
        case "start":
          {
            boolean detach = false;
            for (int i = 1; i < args.length; i++) {
              if (args[i].equals("--detach")) {
                detach = true;
              } else {
                return usage(err, "unknown argument for start: " + args[i]);
              }
            }
            LocalStack stack = LocalStack.startOrReuse(config, detach);
            print(out, stack.info());
            if (!stack.startedHere()) {
              out.printf(
                  Locale.ROOT,
                  "reusing the stack already running in %s (checked in %d ms)%n",
                  config.dataDir(),
                  stack.startupMillis());
              return 0;
            }
            out.printf(
                Locale.ROOT,
                "stack started in %.1f s (data and logs in %s)%n",
                stack.startupMillis() / 1000.0,
                config.dataDir());
            if (detach) {
              out.println("running detached; stop it with: stop");
              return 0;
            }
            out.println("press Ctrl-C to stop");
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "qw-stack-stop"));
            return -1;
          }
        case "stop":
          if (args.length > 1) {
            return usage(err, "unknown argument for stop: " + args[1]);
          }
          if (LocalStack.stop(config)) {
            out.println("stopped the stack in " + config.dataDir());
          } else {
            out.println("no stack recorded in " + config.dataDir());
          }
          return 0;
        case "status":
          {
            if (args.length > 1) {
              return usage(err, "unknown argument for status: " + args[1]);
            }
            Optional<StackStatus> status = LocalStack.status(config);
            if (status.isEmpty()) {
              out.println("no stack recorded in " + config.dataDir());
              return 3;
            }
            print(out, status.get());
            out.println(
                (status.get().running() ? "running" : "NOT running")
                    + ", started "
                    + status.get().startedAt()
                    + (status.get().detached() ? " (detached)" : "")
                    + ", data in "
                    + config.dataDir());
            return status.get().running() ? 0 : 3;
          }
        default:
          return usage(err, "unknown command: " + args[0]);
      }
    } catch (RuntimeException e) {
      err.println("qw-stack: " + args[0] + " failed: " + e.getMessage());
      return 1;
    }
  }

  private static void print(PrintStream out, StackStatus s) {
    out.printf(
        Locale.ROOT,
        "elasticsearch %s (pid %d) up in %.1f s%s%n",
        s.elasticsearchUrl(),
        s.esPid(),
        s.esStartupMillis() / 1000.0,
        s.esUp() ? "" : " [DOWN]");
    out.printf(
        Locale.ROOT,
        "kafka %s (pid %d) up in %.1f s%s%n",
        s.kafkaBootstrap(),
        s.kafkaPid(),
        s.kafkaStartupMillis() / 1000.0,
        s.kafkaUp() ? "" : " [DOWN]");
  }

  private static int usage(PrintStream err, String problem) {
    err.println("qw-stack: " + problem);
    err.println("usage: StackMain start [--detach] | stop | status");
    err.println(
        "  data dir: -Dqw.stack.dir=DIR, env QW_STACK_DIR, else ./.qw/stack;"
            + " ports: -Dqw.stack.es.port=N -Dqw.stack.kafka.port=N (default ephemeral)");
    return 2;
  }
}

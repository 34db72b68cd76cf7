package io.qualitywatch.ingestion.importer;

import io.qualitywatch.ingestion.config.ConfigException;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.kafka.EventPublisher;
import io.qualitywatch.ingestion.kafka.EventSink;
import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.ingestion.kafka.TopicAdmin;
import io.qualitywatch.ingestion.resolve.EnterpriseRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qw ingest}: loads files into Kafka through a mapping, or checks them with {@code
 * --dry-run}. Exit codes: 0 loaded (rejected records are reported, not failures), 1 the load failed
 * (Kafka unreachable or refusing records), 2 bad usage or input (unknown flag, missing file,
 * unknown or invalid mapping, unreadable registry or configuration).
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Load CSV or JSON-lines files into the event topics.",
      "Accepted events go to <prefix>.events.<type>.v1, rejects to <prefix>.dlq with reason and"
          + " record number, unmatched names to <prefix>.unresolved."
    })
public final class IngestCommand implements Callable<Integer> {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--file",
      required = true,
      paramLabel = "FILE",
      description = "Input file; repeat for several (one load: duplicates across files count).")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--mapping",
      paramLabel = "NAME|PATH",
      defaultValue = Mapping.DEFAULT,
      description =
          "Built-in mapping (envelopes, cn-sampling, jjy) or a mapping JSON file."
              + " Default: ${DEFAULT-VALUE} (JSON lines of contract envelopes).")
  String mapping;

  @Option(
      names = "--registry",
      paramLabel = "FILE",
      description = "enterprises.jsonl to resolve enterprise names to credit codes.")
  Path registry;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (overrides kafka.bootstrap.servers).")
  String bootstrap;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      description = "Topic name prefix (overrides kafka.topic.prefix).")
  String topicPrefix;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration properties file.")
  Path config;

  @Option(names = "--dry-run", description = "Validate and summarise without Kafka.")
  boolean dryRun;

  @Option(names = "--verbose", description = "Stack traces on errors.")
  boolean verbose;

  @Option(
      names = "--workers",
      paramLabel = "N",
      hidden = true,
      description = "Parsing/validation threads (default: cores - 1).")
  Integer workers;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command with its error handling: a bad flag prints one line and exits 2 instead of the
   * usage text. Mount it with {@code parent.addSubcommand(IngestCommand.commandLine())}.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new IngestCommand());
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine()
              .getErr()
              .println("qw ingest: " + ex.getMessage() + " (see qw ingest --help)");
          return EXIT_USAGE;
        });
    return cl;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out, err);
    } catch (MappingException
        | ConfigException
        | EnterpriseRegistry.RegistryException
        | NoSuchFileException e) {
      return fail(err, e, EXIT_USAGE);
    } catch (UncheckedIOException e) {
      return fail(err, e.getCause() != null ? e.getCause() : e, EXIT_FAILED);
    } catch (IOException | RuntimeException e) {
      return fail(err, e, EXIT_FAILED);
    }
  }

  private int run(PrintWriter out, PrintWriter err) throws IOException {
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        err.println("qw ingest: input file " + f + " does not exist or is not a file");
        return EXIT_USAGE;
      }
      if (!Files.isReadable(f)) {
        err.println("qw ingest: input file " + f + " is not readable");
        return EXIT_USAGE;
      }
    }
    if (registry != null && !Files.isRegularFile(registry)) {
      err.println("qw ingest: registry file " + registry + " does not exist");
      return EXIT_USAGE;
    }
    Mapping m = Mapping.load(mapping);
    KafkaSettings settings = KafkaSettings.from(ConfigSource.load(config));
    if (bootstrap != null) {
      settings = settings.withBootstrap(bootstrap);
    }
    if (topicPrefix != null) {
      settings = settings.withPrefix(topicPrefix);
    }
    EnterpriseRegistry reg =
        registry != null ? EnterpriseRegistry.load(registry) : EnterpriseRegistry.empty();
    FileIngestor.Builder b = FileIngestor.builder().mapping(m).registry(reg).progress(System.err);
    if (workers != null) {
      b.workers(workers);
    }
    IngestSummary summary;
    if (dryRun) {
      summary = b.build().ingestAll(files);
    } else {
      TopicAdmin.ensureTopics(settings);
      try (EventSink sink = new EventPublisher(settings)) {
        summary = b.sink(sink).build().ingestAll(files);
      }
    }
    out.print(summary.format());
    if (registry == null && m.format() == Mapping.Format.CSV) {
      out.println(
          "  note         no --registry given: enterprise names were not matched, every named"
              + " party is unresolved (NOT_IN_REGISTRY)");
    }
    out.flush();
    return EXIT_OK;
  }

  private int fail(PrintWriter err, Throwable e, int code) {
    String msg = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    if (e instanceof NoSuchFileException) {
      msg = "file " + msg + " does not exist";
    }
    err.println("qw ingest: " + msg.lines().findFirst().orElse(msg));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}

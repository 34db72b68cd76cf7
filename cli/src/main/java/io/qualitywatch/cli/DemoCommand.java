package io.qualitywatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.qualitywatch.dashboards.indices.IndexInstaller;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.ElasticClients;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import io.qualitywatch.ingestion.elastic.IndexNames;
import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.generator.GeneratedFiles;
import io.qualitywatch.ingestion.generator.GeneratorConfig;
import io.qualitywatch.ingestion.importer.FileIngestor;
import io.qualitywatch.ingestion.importer.IngestSummary;
import io.qualitywatch.ingestion.importer.Mapping;
import io.qualitywatch.ingestion.kafka.EventPublisher;
import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.ingestion.kafka.TopicAdmin;
import io.qualitywatch.ingestion.resolve.EnterpriseRegistry;
import io.qualitywatch.stack.LocalStack;
import io.qualitywatch.stack.StackConfig;
import io.qualitywatch.streaming.StreamJobMain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qw demo}: the whole platform end to end on the embedded stack — services up, data
 * generated and ingested, the stream job run, results in Elasticsearch, a summary printed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run QualityWatch end to end on the embedded Kafka + Elasticsearch and print a summary.")
public class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--enterprises",
      defaultValue = "3000",
      description = "Enterprises to generate (default ${DEFAULT-VALUE}).")
  int enterprises;

  @Option(
      names = "--days",
      defaultValue = "365",
      description = "Days of events (default ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--start",
      defaultValue = "2025-01-01",
      description = "First day (default ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--work-dir",
      defaultValue = ".qw/demo",
      description = "Where generated files go (default ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(
      names = "--stack-dir",
      description =
          "Use (or reuse) the stack in this directory and keep its data, instead of a fresh demo stack under the work dir.")
  Path stackDir;

  @Option(
      names = "--real-data",
      description =
          "Also import this real sampling export through the cn-sampling mapping (default: ../shared/data/cn-sampling/cn_sampling_results.csv when present).")
  Path realData;

  @Option(
      names = "--keep-stack",
      description = "Leave the stack running afterwards (for kcat, curl or Kibana).")
  boolean keepStack;

  @Mixin Verbosity verbosity;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    StackConfig stackConfig;
    if (stackDir != null) {
      stackConfig = StackConfig.defaults().withDataDir(stackDir);
    } else {
      // A fresh stack per demo run, so the summary describes this run and nothing left over.
      stackConfig = StackConfig.defaults().withDataDir(workDir.resolve("stack"));
      LocalStack.reset(stackConfig);
    }
    LocalStack stack = LocalStack.startOrReuse(stackConfig, keepStack);
    try {
      out.printf(
          "stack          kafka %s, elasticsearch %s (%s in %.1f s)%n",
          stack.kafkaBootstrap(),
          stack.elasticsearchUrl(),
          stack.startedHere() ? "started" : "reused",
          stack.startupMillis() / 1000.0);
      ConfigSource config =
          StackEndpoints.apply(ConfigSource.load(null), stack)
              .with("streaming.bounded", "true")
              // A demo should fail fast and say why, not retry for minutes.
              .with("streaming.restart.attempts", "1")
              .with("streaming.restart.delay", "1s")
              // A replayed year: order by event time so every run prints the same results.
              .with("streaming.event.time.ordering", "true")
              .with("streaming.checkpoint.dir", workDir.resolve("checkpoints").toUri().toString());
      return run(config, t0);
    } finally {
      if (!keepStack) {
        stack.close();
      }
    }
  }

  private int run(ConfigSource config, long t0) throws Exception {
    KafkaSettings kafka = KafkaSettings.from(config);
    ElasticSettings es = ElasticSettings.from(config);

    long t = System.nanoTime();
    GeneratorConfig gen =
        GeneratorConfig.defaults()
            .withSeed(seed)
            .withEnterprises(enterprises)
            .withPeriod(start, days);
    GeneratedFiles files = new DataGenerator(gen).writeTo(workDir.resolve("generated"));
    out.printf(
        "generate       %,d enterprises, %,d events, %d incidents -> %s (%.1f s)%n",
        enterprises, files.eventCount(), files.incidents(), files.dir(), secs(t));

    t = System.nanoTime();
    TopicAdmin.ensureTopics(kafka);
    EnterpriseRegistry registry = EnterpriseRegistry.load(files.enterprises());
    IngestSummary generated;
    IngestSummary real = null;
    try (EventPublisher publisher = new EventPublisher(kafka)) {
      generated =
          FileIngestor.builder()
              .registry(registry)
              .sink(publisher)
              .progress(System.err)
              .build()
              .ingest(files.events())
              .check();
      Path realFile = realDataFile();
      if (realFile != null) {
        real =
            FileIngestor.builder()
                .mapping(Mapping.load("cn-sampling"))
                .registry(registry)
                .sink(publisher)
                .progress(System.err)
                .build()
                .ingest(realFile)
                .check();
      }
    }
    out.printf("ingest         generated: %s (%.1f s)%n", generated.oneLine(), secs(t));
    if (real != null) {
      out.printf("ingest         real cn-sampling export: %s%n", real.oneLine());
    }

    t = System.nanoTime();
    try (RestClient client = ElasticClients.restClient(es)) {
      List<IndexInstaller.Installed> installed = new IndexInstaller(client, es).installAll();
      out.printf("indices        %d aliases installed (%.1f s)%n", installed.size(), secs(t));

      t = System.nanoTime();
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      JobExecutionResult result = StreamJobMain.run(config, env);
      out.printf("stream         %s (wall %.1f s)%n", JobSummary.of(result), secs(t));

      printResults(client, es.indices());
      new BatchStep(out)
          .run(
              config,
              files.dir(),
              workDir.resolve("lake"),
              start.plusDays(days - 1).getYear(),
              client,
              es.indices());

      // Last step: the leadership report of the demo's (last) year, from what is now indexed.
      t = System.nanoTime();
      int year = start.plusDays(Math.max(0, days - 1)).getYear();
      io.qualitywatch.dashboards.report.ReportWriter.Written report =
          io.qualitywatch.dashboards.report.ReportWriter.write(
              client, es.indices(), year, null, workDir.resolve("report"));
      ReportCommand.print(report);
      out.printf("report         written in %.1f s%n", secs(t));
    }
    out.printf("done in %.1f s%n", secs(t0));
    return 0;
  }

  private Path realDataFile() {
    if (realData != null) {
      if (!Files.isRegularFile(realData)) {
        throw new IllegalArgumentException("--real-data " + realData + " is not a file");
      }
      return realData;
    }
    Path shared =
        Path.of(
            System.getProperty("qw.shared.dir", "../shared"),
            "data/cn-sampling/cn_sampling_results.csv");
    return Files.isRegularFile(shared) ? shared : null;
  }

  private void printResults(RestClient client, IndexNames idx) throws IOException {
    client.performRequest(new Request("POST", "/" + idx.prefix() + "-*/_refresh"));
    out.printf(
        "elasticsearch  %s %,d, %s %,d, %s %,d, %s %,d, %s %,d docs%n",
        idx.events(),
        count(client, idx.events()),
        idx.scores(),
        count(client, idx.scores()),
        idx.scoreHistory(),
        count(client, idx.scoreHistory()),
        idx.warnings(),
        count(client, idx.warnings()),
        idx.aggregates(),
        count(client, idx.aggregates()));
    out.println("risk bands     " + terms(client, idx.scores(), "band", "_key"));
    out.println(
        "warnings       "
            + terms(client, idx.warnings(), "level", "_count")
            + "  (status: "
            + terms(client, idx.warnings(), "status", "_key")
            + ")");
    out.println("  by type      " + terms(client, idx.warnings(), "warning_type", "_count"));
    JsonNode top =
        search(
            client,
            idx.scores(),
            "{\"size\":5,\"sort\":[{\"score\":\"desc\"},{\"credit_code\":\"asc\"}],\"_source\":[\"credit_code\",\"enterprise_name\",\"score\",\"band\",\"reasons.label\",\"region_name\"]}");
    out.println("top risks");
    for (JsonNode h : top.path("hits").path("hits")) {
      JsonNode s = h.path("_source");
      StringBuilder reasons = new StringBuilder();
      for (JsonNode r : s.path("reasons")) {
        reasons.append(reasons.length() == 0 ? "" : ", ").append(r.path("label").asText());
      }
      out.printf(
          "  %-18s %5.1f %s  %s (%s): %s%n",
          s.path("credit_code").asText(),
          s.path("score").asDouble(),
          s.path("band").asText(),
          s.path("enterprise_name").asText(),
          s.path("region_name").asText(),
          reasons);
    }
  }

  /** "KEY count KEY count" for a terms aggregation, ordered by key or by count. */
  private static String terms(RestClient client, String index, String field, String order)
      throws IOException {
    JsonNode r =
        search(
            client,
            index,
            "{\"size\":0,\"aggs\":{\"t\":{\"terms\":{\"field\":\""
                + field
                + "\",\"size\":20,\"order\":{\""
                + order
                + "\":\""
                + (order.equals("_key") ? "asc" : "desc")
                + "\"}}}}}");
    StringBuilder sb = new StringBuilder();
    for (JsonNode b : r.path("aggregations").path("t").path("buckets")) {
      sb.append(String.format("%s %,d  ", b.path("key").asText(), b.path("doc_count").asLong()));
    }
    return sb.length() == 0 ? "none" : sb.toString().trim();
  }

  private static long count(RestClient client, String index) throws IOException {
    return EventCodec.mapper()
        .readTree(
            EntityUtils.toString(
                client.performRequest(new Request("GET", "/" + index + "/_count")).getEntity()))
        .path("count")
        .asLong();
  }

  private static JsonNode search(RestClient client, String index, String body) throws IOException {
    Request r = new Request("POST", "/" + index + "/_search");
    r.setJsonEntity(body);
    return EventCodec.mapper().readTree(EntityUtils.toString(client.performRequest(r).getEntity()));
  }

  private static double secs(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}

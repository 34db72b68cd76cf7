package io.qualitywatch.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.IndexNames;
import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.generator.GeneratedFiles;
import io.qualitywatch.ingestion.generator.GeneratorConfig;
import io.qualitywatch.ingestion.generator.Incident;
import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.risk.warning.WarningDocument;
import io.qualitywatch.streaming.JobSinks;
import io.qualitywatch.streaming.RiskScoringJob;
import io.qualitywatch.streaming.StreamingSettings;
import io.qualitywatch.streaming.elastic.IndexDoc;
import io.qualitywatch.streaming.memory.CollectionSource;
import io.qualitywatch.streaming.memory.MemorySink;
import io.qualitywatch.streaming.source.RawEvent;
import io.qualitywatch.streaming.warning.WarningUpdate;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qw bench detection}: how well the stream job's warnings find the generator's injected
 * incidents. Replays a generated year through the real pipeline on a local MiniCluster (in-memory
 * source and sinks: detection quality does not depend on the broker) and scores the warnings with
 * {@link DetectionScorer}. Time to warning is measured in event time, from the incident's start to
 * the opening of the first warning that detects it.
 */
@Command(
    name = "detection",
    mixinStandardHelpOptions = true,
    description = "Warning recall/precision against the generator's ground truth.")
public class DetectionBenchmark implements Callable<Integer> {
  @Option(
      names = "--seeds",
      split = ",",
      defaultValue = "42,7,2025,1,2,3,4,5,11,13",
      description =
          "Generator seeds; the first is the reported default year, all are pooled too (default ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(
      names = "--enterprises",
      defaultValue = "10000",
      description = "Enterprises per generated year (default ${DEFAULT-VALUE}).")
  int enterprises;

  @Option(names = "--out", defaultValue = "docs/benchmarks/streaming-detection.json")
  Path out;

  @Option(names = "--work-dir", defaultValue = ".qw/bench/detection")
  Path workDir;

  @Option(
      names = "--rules",
      description =
          "Rules file to evaluate instead of the built-in defaults (tune thresholds against ground truth).")
  Path rulesFile;

  @Option(
      names = "--explain",
      description = "List every alarm with its peak metric and whether it matched an incident.")
  boolean explain;

  @Override
  public Integer call() throws Exception {
    ObjectNode json = EventCodec.mapper().createObjectNode();
    int pooledIncidents = 0;
    int pooledDetected = 0;
    int pooledAlarms = 0;
    int pooledTrue = 0;
    ObjectNode perSeed = json.putObject("per_seed");
    DetectionScorer.Result first = null;
    RiskRules rules =
        rulesFile == null ? RiskRules.defaults() : RiskRules.parse(Files.readString(rulesFile));
    json.put("rules_version", rules.version());
    for (long seed : seeds) {
      GeneratorConfig gen = GeneratorConfig.defaults().withSeed(seed).withEnterprises(enterprises);
      DataGenerator generator = new DataGenerator(gen);
      GeneratedFiles files = generator.writeTo(workDir.resolve("seed-" + seed));
      List<WarningDocument> warnings = run(files.events(), rules);
      List<Incident> incidents = generator.incidents();
      DetectionScorer.Result r = DetectionScorer.score(incidents, warnings);
      if (first == null) {
        first = r;
      }
      // Pooled over seeds by summing counts: each year's warnings are matched to its own truth.
      pooledIncidents += r.incidents();
      pooledDetected += r.detected();
      pooledAlarms += r.alarms();
      pooledTrue += r.trueAlarms();
      perSeed.set(String.valueOf(seed), EventCodec.mapper().valueToTree(r));
      System.out.printf(
          "seed %d: %,d events, %d incidents, recall %.2f, precision %.2f (%d/%d alarms), median %.0f min to warning, %d risk-score warnings%n",
          seed,
          files.eventCount(),
          r.incidents(),
          r.recall(),
          r.precision(),
          r.trueAlarms(),
          r.alarms(),
          r.medianMinutesToWarning() == null ? Double.NaN : r.medianMinutesToWarning(),
          r.riskScoreWarnings());
      r.perIncident().forEach((k, v) -> System.out.println("    " + k + ": " + v));
      r.alarmsByType().forEach((k, v) -> System.out.println("    alarms " + k + ": " + v));
      if (explain) {
        for (WarningDocument w : warnings) {
          double peak =
              w.history().stream()
                  .mapToDouble(WarningDocument.HistoryEntry::metric)
                  .max()
                  .orElse(w.metric());
          boolean hit = incidents.stream().anyMatch(i -> DetectionScorer.detects(w, i));
          System.out.printf(
              "    %s %-60s peak %.2f %s%n",
              hit ? "TRUE " : "false", w.warningId(), peak, w.reasons());
        }
      }
    }
    json.put("recall", first.recall());
    json.put("precision", first.precision());
    json.put("median_minutes_to_warning", first.medianMinutesToWarning());
    json.put("seed", seeds.get(0));
    json.put("pooled_recall", pooledDetected / (double) pooledIncidents);
    json.put("pooled_precision", pooledAlarms == 0 ? 1 : pooledTrue / (double) pooledAlarms);
    json.put("pooled_incidents", pooledIncidents);
    json.put("enterprises", enterprises);
    json.put("incidents", first.incidents());
    json.put("alarms", first.alarms());
    json.put("risk_score_warnings", first.riskScoreWarnings());
    json.put(
        "method",
        "generated year(s) replayed through RiskScoringJob on a local MiniCluster; warnings matched to truth.json incidents by DetectionScorer; time in event time from incident start");
    json.put(
        "command",
        "./qw bench detection --seeds "
            + String.join(",", seeds.stream().map(String::valueOf).toList()));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(
        out, EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    System.out.printf(
        "default year (seed %d): recall %.2f, precision %.2f, median %.0f min; pooled over %d seeds: recall %.2f, precision %.2f -> %s%n",
        seeds.get(0),
        first.recall(),
        first.precision(),
        first.medianMinutesToWarning() == null ? Double.NaN : first.medianMinutesToWarning(),
        seeds.size(),
        pooledDetected / (double) pooledIncidents,
        pooledAlarms == 0 ? 1 : pooledTrue / (double) pooledAlarms,
        out);
    return 0;
  }

  /**
   * Runs the stream job over a generated events file and returns the final state of each warning.
   */
  static List<WarningDocument> run(Path eventsFile, RiskRules rules) throws Exception {
    List<RawEvent> events = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(eventsFile, StandardCharsets.UTF_8)) {
      long offset = 0;
      for (String line; (line = r.readLine()) != null; offset++) {
        var e = EventCodec.mapper().readTree(line);
        long ts = java.time.Instant.parse(e.path("event_time").asText()).toEpochMilli();
        events.add(new RawEvent("qw.events", 0, offset, ts, line.getBytes(StandardCharsets.UTF_8)));
      }
    }
    // Each subject's signals in event-time order: with two subtasks feeding a key, arrival order
    // (and so when a warning peaks) would differ from run to run, and so would the figures.
    StreamingSettings settings =
        StreamingSettings.from(ConfigSource.of(Map.of("streaming.event.time.ordering", "true")));
    MemorySink<IndexDoc> elastic = new MemorySink<>();
    MemorySink<String> dlq = new MemorySink<>();
    MemorySink<WarningUpdate> warnings = new MemorySink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    new RiskScoringJob(
            CollectionSource.events(events, settings),
            CollectionSource.rules(
                List.of(
                    new RawEvent(
                        "qw.rules", 0, 0, 0, rules.toJson().getBytes(StandardCharsets.UTF_8)))),
            new JobSinks(elastic, dlq, warnings, null),
            settings,
            new IndexNames("qw"),
            rules)
        .execute(env);
    Map<String, WarningDocument> latest = new LinkedHashMap<>();
    for (IndexDoc d : elastic.results()) {
      if (d.index().equals("qw-warnings")) {
        WarningDocument w = EventCodec.mapper().readValue(d.json(), WarningDocument.class);
        WarningDocument prev = latest.get(w.warningId());
        if (prev == null || !w.updatedAt().isBefore(prev.updatedAt())) {
          latest.put(w.warningId(), w);
        }
      }
    }
    return new ArrayList<>(new TreeMap<>(latest).values());
  }
}

package io.qualitywatch.cli;

import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.generator.DataGenerator;
import io.qualitywatch.ingestion.generator.GeneratedFiles;
import io.qualitywatch.ingestion.generator.GeneratorConfig;
import io.qualitywatch.ingestion.importer.FileIngestor;
import io.qualitywatch.ingestion.importer.IngestSummary;
import io.qualitywatch.ingestion.kafka.EventPublisher;
import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.ingestion.kafka.TopicAdmin;
import io.qualitywatch.ingestion.resolve.EnterpriseRegistry;
import io.qualitywatch.stack.TestStack;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * Test setup shared by the end-to-end tests: a configuration on the shared test stack with its own
 * topic and index prefix (tests never see each other's data) and a bounded stream job, and a
 * generated dataset ingested through the real importer into the real broker.
 */
final class BoundedRun {
  final String prefix;
  final ConfigSource config;
  final KafkaSettings kafka;

  private BoundedRun(String prefix, ConfigSource config) {
    this.prefix = prefix;
    this.config = config;
    this.kafka = KafkaSettings.from(config);
  }

  /** A fresh prefix starting with {@code name} on the shared stack. */
  static BoundedRun on(String name) {
    String prefix = name + Long.toHexString(System.nanoTime() & 0xffffff);
    return new BoundedRun(
        prefix,
        StackEndpoints.apply(ConfigSource.of(Map.of()), TestStack.get())
            .with("kafka.topic.prefix", prefix)
            .with("elasticsearch.index.prefix", prefix)
            .with("streaming.bounded", "true")
            .with("streaming.consumer.group", prefix));
  }

  /** Generates {@code days} from 2025-01-01 and ingests them; returns the files and the summary. */
  Loaded generateAndIngest(Path dir, long seed, int enterprises, int days) throws Exception {
    GeneratedFiles files =
        new DataGenerator(
                GeneratorConfig.defaults()
                    .withSeed(seed)
                    .withEnterprises(enterprises)
                    .withPeriod(LocalDate.of(2025, 1, 1), days))
            .writeTo(dir);
    TopicAdmin.ensureTopics(kafka);
    try (EventPublisher publisher = new EventPublisher(kafka)) {
      IngestSummary summary =
          FileIngestor.builder()
              .registry(EnterpriseRegistry.load(files.enterprises()))
              .sink(publisher)
              .build()
              .ingest(files.events())
              .check();
      return new Loaded(files, summary);
    }
  }

  record Loaded(GeneratedFiles files, IngestSummary summary) {}
}

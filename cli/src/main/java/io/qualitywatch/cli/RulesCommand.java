package io.qualitywatch.cli;

import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.kafka.KafkaSettings;
import io.qualitywatch.ingestion.kafka.TopicAdmin;
import io.qualitywatch.risk.rules.InvalidRulesException;
import io.qualitywatch.risk.rules.RiskRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qw rules}: publish scoring and warning rules to the control topic, list the versions on it
 * and which one is in force. The job applies the latest valid version without restart; {@code list}
 * validates with the same parser, so what it calls active is what the job uses.
 */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Publish, list and show the runtime rules (scoring weights, warning thresholds).",
    subcommands = {
      RulesCommand.Publish.class,
      RulesCommand.ListVersions.class,
      RulesCommand.ShowDefault.class
    })
public class RulesCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** {@code qw rules publish FILE}. */
  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description = "Validate a rules file and publish it.")
  static class Publish implements Callable<Integer> {
    @Parameters(index = "0", description = "Rules JSON file (see `qw rules default`).")
    Path file;

    @Option(names = "--config", description = "Configuration file (properties).")
    Path config;

    @Option(
        names = "--no-validate",
        description = "Publish even if invalid (to exercise the job's own rejection).")
    boolean noValidate;

    @Mixin Verbosity verbosity;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        System.err.println("qw rules publish: no such file " + file);
        return 2;
      }
      String json = Files.readString(file, StandardCharsets.UTF_8);
      String version = "unvalidated";
      if (!noValidate) {
        try {
          version = RiskRules.parse(json).version();
        } catch (InvalidRulesException e) {
          System.err.println("qw rules publish: " + file + ": " + e.getMessage());
          return 2;
        }
      }
      KafkaSettings kafka = KafkaSettings.from(ConfigSource.load(config));
      TopicAdmin.ensureTopics(kafka);
      Properties p = kafka.clientProps();
      p.put("acks", "all");
      p.put("enable.idempotence", "true");
      try (var producer =
          new KafkaProducer<String, byte[]>(p, new StringSerializer(), new ByteArraySerializer())) {
        var meta =
            producer
                .send(
                    new ProducerRecord<>(
                        kafka.topics().rules(), version, json.getBytes(StandardCharsets.UTF_8)))
                .get();
        System.out.printf(
            "published rules %s to %s (offset %d)%n",
            version, kafka.topics().rules(), meta.offset());
      }
      return 0;
    }
  }

  /** {@code qw rules list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List rule versions on the control topic and the one in force.")
  static class ListVersions implements Callable<Integer> {
    @Option(names = "--config", description = "Configuration file (properties).")
    Path config;

    @Mixin Verbosity verbosity;

    @Override
    public Integer call() {
      KafkaSettings kafka = KafkaSettings.from(ConfigSource.load(config));
      List<String> lines = new ArrayList<>();
      String active = RiskRules.defaults().version() + " (built-in default: nothing published)";
      Properties p = kafka.clientProps();
      try (var consumer =
          new KafkaConsumer<String, byte[]>(
              p, new StringDeserializer(), new ByteArrayDeserializer())) {
        TopicPartition tp = new TopicPartition(kafka.topics().rules(), 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        while (consumer.position(tp) < end) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(2))) {
            String when = Instant.ofEpochMilli(r.timestamp()).toString();
            try {
              RiskRules rules = RiskRules.parse(new String(r.value(), StandardCharsets.UTF_8));
              active = rules.version() + " (offset " + r.offset() + ", " + when + ")";
              lines.add(String.format("%6d  %-24s valid    %s", r.offset(), rules.version(), when));
            } catch (InvalidRulesException e) {
              lines.add(
                  String.format(
                      "%6d  %-24s REJECTED %s: %s", r.offset(), r.key(), when, e.getMessage()));
            }
          }
        }
      }
      lines.forEach(System.out::println);
      System.out.println("active: " + active);
      return 0;
    }
  }

  /** {@code qw rules default}. */
  @Command(
      name = "default",
      mixinStandardHelpOptions = true,
      description = "Print the built-in default rules as JSON, a starting point for edits.")
  static class ShowDefault implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      System.out.println(
          io.qualitywatch.ingestion.contract.EventCodec.mapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(
                  io.qualitywatch.ingestion.contract.EventCodec.mapper()
                      .readTree(RiskRules.defaults().toJson())));
      return 0;
    }
  }
}

package io.qualitywatch.ingestion.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the platform's topics. Safe to call on every start: existing topics are kept (their
 * partition count is never changed, since that would move keys between partitions) and only the
 * retention of the evidence topics is re-asserted.
 */
public final class TopicAdmin {
  /**
   * Retention for topics holding evidence. Imported and generated events carry event times years in
   * the past; with the broker default (7 days, judged by record timestamp) they would be deleted at
   * the next segment roll, so these topics keep everything.
   */
  static final String KEEP_FOREVER = "-1";

  private TopicAdmin() {}

  /** Creates every topic of {@link Topics#all()} that does not exist yet. */
  public static void ensureTopics(KafkaSettings settings) {
    try (Admin admin = Admin.create(adminProps(settings))) {
      ensureTopics(admin, settings.topics(), settings.partitions(), settings.replicationFactor());
    }
  }

  /** Same, for a caller that already holds an {@link Admin} (tests, benchmark). */
  public static void ensureTopics(
      Admin admin, Topics topics, int partitions, short replicationFactor) {
    Set<String> keepForever = keepForever(topics);
    List<NewTopic> wanted = new ArrayList<>();
    for (String name : topics.all()) {
      NewTopic t = new NewTopic(name, partitions, replicationFactor);
      if (keepForever.contains(name)) {
        t.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, KEEP_FOREVER));
      }
      wanted.add(t);
    }
    Map<String, KafkaFuture<Void>> created = admin.createTopics(wanted).values();
    for (Map.Entry<String, KafkaFuture<Void>> e : created.entrySet()) {
      try {
        await(e.getValue());
      } catch (ExecutionException ex) {
        if (!(ex.getCause() instanceof TopicExistsException)) {
          throw new KafkaAdminException("cannot create topic " + e.getKey(), ex.getCause());
        }
      }
    }
    // A topic created earlier by someone else (or auto-created) may still have the default
    // retention; setting the value is idempotent.
    Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
    for (String name : keepForever) {
      ops.put(
          new ConfigResource(ConfigResource.Type.TOPIC, name),
          List.of(
              new AlterConfigOp(
                  new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, KEEP_FOREVER),
                  AlterConfigOp.OpType.SET)));
    }
    try {
      await(admin.incrementalAlterConfigs(ops).all());
    } catch (ExecutionException ex) {
      throw new KafkaAdminException("cannot set retention on evidence topics", ex.getCause());
    }
    awaitLeaders(admin, topics.all());
  }

  /**
   * Creation returns before the partitions can take writes. Metadata may already name a leader
   * while the broker's replica is still being set up; an idempotent producer whose first batch is
   * refused then (NOT_LEADER_OR_FOLLOWER) while its second is accepted ends up re-sending sequence
   * 0 after sequence 1 and is rejected with OutOfOrderSequenceException until the batch expires. So
   * this waits until every partition answers a ListOffsets request, which goes through the same
   * leader path as a produce request.
   */
  private static void awaitLeaders(Admin admin, List<String> names) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      boolean ready;
      try {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription d :
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
          for (TopicPartitionInfo p : d.partitions()) {
            if (p.leader() == null || p.leader().isEmpty()) {
              throw new ExecutionException("no leader yet", null);
            }
            request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
          }
        }
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
        ready = true;
      } catch (ExecutionException | TimeoutException e) {
        ready = false; // not propagated or not loaded yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaAdminException("interrupted while waiting for the broker", e);
      }
      if (ready) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new KafkaAdminException(
            "topics are not writable after 60 s", new TimeoutException(String.join(", ", names)));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaAdminException("interrupted while waiting for the broker", e);
      }
    }
  }

  /** Event topics, dead letters and unresolved records: everything that is evidence. */
  static Set<String> keepForever(Topics topics) {
    List<String> names = new ArrayList<>(topics.allEvents());
    names.add(topics.deadLetter());
    names.add(topics.unresolved());
    return Set.copyOf(names);
  }

  static Properties adminProps(KafkaSettings settings) {
    Properties p = settings.clientProps();
    p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "qw-topic-admin");
    p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
    return p;
  }

  private static void await(KafkaFuture<?> f) throws ExecutionException {
    try {
      f.get(90, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaAdminException("interrupted while waiting for the broker", e);
    } catch (TimeoutException e) {
      throw new KafkaAdminException("broker did not answer within 90 s", e);
    }
  }

  /** The broker refused or did not answer an administrative request. */
  public static final class KafkaAdminException extends RuntimeException {
    public KafkaAdminException(String message, Throwable cause) {
      super(message + ": " + cause.getMessage(), cause);
    }
  }
}

package io.qualitywatch.stack.kafka;

import static io.qualitywatch.stack.child.ChildProcess.parseArgs;
import static io.qualitywatch.stack.child.ChildProcess.require;
import static io.qualitywatch.stack.child.ChildProcess.watchParent;
import static io.qualitywatch.stack.child.ChildProcess.writeReadyFile;

import io.qualitywatch.stack.child.ChildProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Runs one Kafka broker + controller (KRaft combined mode) on 127.0.0.1 until SIGTERM.
 *
 * <p>Arguments: {@code --data-dir DIR --ready-file FILE [--port N] [--parent-pid PID]}. Storage is
 * formatted once and reused across restarts. When the broker answers, the ready file (Java
 * properties) holds {@code bootstrap.servers}, {@code port} and {@code pid}.
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  public static void main(String[] args) {
    ChildProcess.startOrExit("Kafka broker", () -> run(args));
  }

  private static void run(String[] args) throws Exception {
    Map<String, String> opts = parseArgs(args);
    Path dataDir = Path.of(require(opts, "--data-dir")).toAbsolutePath();
    Path readyFile = Path.of(require(opts, "--ready-file")).toAbsolutePath();
    int port = Integer.parseInt(opts.getOrDefault("--port", "0"));
    long started = System.nanoTime();
    Files.deleteIfExists(readyFile);
    Path logDir = dataDir.resolve("kraft-combined-logs");
    Files.createDirectories(logDir);

    if (port == 0) {
      port = freePort();
    }
    int controllerPort = freePort();
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("num.partitions", "1");
    props.put("default.replication.factor", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    KafkaConfig config = new KafkaConfig(props, false);

    if (!Files.exists(logDir.resolve("meta.properties"))) {
      // transaction.version=1: with Kafka 4's default (2), every Flink exactly-once recovery logs a
      // misleading "producer is already fenced ... data loss" warning.
      new Formatter()
          .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .addDirectory(logDir.toString())
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setFeatureLevel("transaction.version", (short) 1)
          .run();
    }

    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(readyFile);
                    server.shutdown();
                    server.awaitShutdown();
                  } catch (Exception e) {
                    System.err.println("error stopping Kafka: " + e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "qw-kafka-shutdown"));
    watchParent(opts.get("--parent-pid"));
    server.startup();

    String bootstrap = "127.0.0.1:" + port;
    awaitBroker(bootstrap, TimeUnit.SECONDS.toMillis(120));
    Properties ready = new Properties();
    ready.setProperty("bootstrap.servers", bootstrap);
    ready.setProperty("port", Integer.toString(port));
    ready.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
    ready.setProperty(
        "startup.millis",
        Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    writeReadyFile(readyFile, ready);
    System.out.println("Kafka broker ready on " + bootstrap);
    stopped.await();
  }

  /** Waits until the broker answers metadata requests and has registered itself. */
  private static void awaitBroker(String bootstrap, long timeoutMillis) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    long deadline = System.currentTimeMillis() + timeoutMillis;
    try (Admin admin = Admin.create(p)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException("Kafka broker did not answer on " + bootstrap, e);
          }
        }
        Thread.sleep(100);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}

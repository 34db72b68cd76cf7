package io.qualitywatch.stack.es;

import static io.qualitywatch.stack.child.ChildProcess.parseArgs;
import static io.qualitywatch.stack.child.ChildProcess.require;
import static io.qualitywatch.stack.child.ChildProcess.watchParent;
import static io.qualitywatch.stack.child.ChildProcess.writeReadyFile;

import io.qualitywatch.stack.child.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.Build;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.gateway.GatewayService;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.node.QwEmbeddedNode;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * Runs one real Elasticsearch node in this JVM until SIGTERM. Local/test use only: the
 * Elasticsearch server jars are AGPL-3.0 / SSPL / Elastic License 2.0.
 *
 * <p>Arguments: {@code --data-dir DIR --ready-file FILE [--http-port N] [--parent-pid PID]}. When
 * the node is up, the ready file (Java properties) holds {@code http.port}, {@code url} and {@code
 * pid}.
 */
public final class EsNodeMain {

  public static final String CLUSTER_NAME = "qualitywatch-local";

  private EsNodeMain() {}

  public static void main(String[] args) {
    ChildProcess.startOrExit("Elasticsearch node", () -> run(args));
  }

  private static void run(String[] args) throws Exception {
    Map<String, String> opts = parseArgs(args);
    Path dataDir = Path.of(require(opts, "--data-dir")).toAbsolutePath();
    Path readyFile = Path.of(require(opts, "--ready-file")).toAbsolutePath();
    int httpPort = Integer.parseInt(opts.getOrDefault("--http-port", "0"));
    long started = System.nanoTime();

    String version = Build.current().version();
    Path home = dataDir;
    Files.createDirectories(home.resolve("config"));
    Files.createDirectories(home.resolve("plugins"));
    Files.createDirectories(home.resolve("modules"));
    Files.deleteIfExists(readyFile);

    Settings settings =
        Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data-" + version).toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", CLUSTER_NAME)
            .put("node.name", "qw-local-es")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", 0)
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true)
            .build();

    LogConfigurator.registerErrorListener();
    LogConfigurator.setNodeName("qw-local-es");
    LogConfigurator.setClusterName(CLUSTER_NAME);
    LogConfigurator.configureESLogging();

    Environment env =
        InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "qw-local-es");
    Node node = new QwEmbeddedNode(env, List.of(Netty4Plugin.class, RootPlugin.class));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(readyFile);
                    node.close();
                    node.awaitClose(20, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    System.err.println("error closing Elasticsearch node: " + e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "qw-es-shutdown"));
    watchParent(opts.get("--parent-pid"));
    node.start();

    ClusterService clusterService = node.injector().getInstance(ClusterService.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      ClusterState state = clusterService.state();
      if (state.nodes().getMasterNodeId() != null
          && !state.blocks().hasGlobalBlock(GatewayService.STATE_NOT_RECOVERED_BLOCK)) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Elasticsearch cluster state not recovered after 120 s");
      }
      Thread.sleep(50);
    }
    int port =
        node.injector()
            .getInstance(HttpServerTransport.class)
            .boundAddress()
            .publishAddress()
            .getPort();
    Properties ready = new Properties();
    ready.setProperty("http.port", Integer.toString(port));
    ready.setProperty("url", "http://127.0.0.1:" + port);
    ready.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
    ready.setProperty("version", version);
    ready.setProperty(
        "startup.millis",
        Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    writeReadyFile(readyFile, ready);
    System.out.println("Elasticsearch " + version + " ready on http://127.0.0.1:" + port);
    stopped.await();
  }
}

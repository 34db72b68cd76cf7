package io.qualitywatch.cli;

import io.qualitywatch.dashboards.indices.IndexInstaller;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.elastic.ElasticClients;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qw indices}: installs or upgrades index templates, versioned indices and aliases. */
@Command(
    name = "indices",
    mixinStandardHelpOptions = true,
    description = {
      "Install or upgrade the index templates, versioned indices and aliases in Elasticsearch.",
      "A raised template version creates the new index behind <alias>-next; rebuild it from its"
          + " source (re-run the producing job, or --reindex where the cluster has _reindex), then"
          + " --swap moves the alias atomically."
    })
public class IndicesCommand implements Callable<Integer> {
  @Option(names = "--config", description = "Configuration file (properties).")
  Path config;

  @Option(
      names = "--swap",
      paramLabel = "CONCEPT",
      description = "Move CONCEPT's alias to its pending new-version index (atomic).")
  String swap;

  @Option(names = "--delete-old", description = "With --swap: delete the old version's indices.")
  boolean deleteOld;

  @Option(
      names = "--reindex",
      paramLabel = "CONCEPT",
      description = "Fill CONCEPT's pending index from the live one with _reindex (full clusters).")
  String reindex;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws Exception {
    ElasticSettings es = ElasticSettings.from(ConfigSource.load(config));
    try (RestClient client = ElasticClients.restClient(es)) {
      IndexInstaller installer = new IndexInstaller(client, es);
      if (reindex != null) {
        long n = installer.reindexPending(reindex);
        System.out.printf("%s: %,d documents copied into the pending index%n", reindex, n);
      }
      if (swap != null) {
        IndexInstaller.Swap s = installer.swap(swap, deleteOld);
        System.out.printf(
            "%s: %s -> %s%s%n",
            s.alias(), s.from(), s.to(), s.deletedOld() ? " (old deleted)" : "");
        return 0;
      }
      if (reindex != null) {
        return 0;
      }
      for (IndexInstaller.Installed i : installer.installAll()) {
        System.out.printf("%-28s -> %s%n", i.alias(), i.describe());
      }
      System.out.println(
          installer.ilmAvailable()
              ? "ILM: policies installed for event-like indices (rollover by size)"
              : "ILM: not available on this cluster (local node): lifecycle policies skipped");
    }
    return 0;
  }
}

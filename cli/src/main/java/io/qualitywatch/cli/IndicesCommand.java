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

/** {@code qw indices}: installs or upgrades index templates and aliases. */
@Command(
    name = "indices",
    mixinStandardHelpOptions = true,
    description = "Install the index templates, versioned indices and aliases in Elasticsearch.")
public class IndicesCommand implements Callable<Integer> {
  @Option(names = "--config", description = "Configuration file (properties).")
  Path config;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws Exception {
    ElasticSettings es = ElasticSettings.from(ConfigSource.load(config));
    try (RestClient client = ElasticClients.restClient(es)) {
      for (IndexInstaller.Installed i : new IndexInstaller(client, es).installAll()) {
        System.out.printf("%-24s -> %s%s%n", i.alias(), i.index(), i.created() ? " (created)" : "");
      }
    }
    return 0;
  }
}

package io.qualitywatch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.qualitywatch.dashboards.kibana.AlertRules;
import io.qualitywatch.dashboards.kibana.KibanaImporter;
import io.qualitywatch.dashboards.kibana.KibanaObjects;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qw kibana import|export}: the dashboards and alerting rules for Kibana 8.x. */
@Command(
    name = "kibana",
    mixinStandardHelpOptions = true,
    description = "Kibana saved objects (data views, dashboards) and alerting rules.",
    subcommands = {
      KibanaCommand.Import.class,
      KibanaCommand.Export.class,
      KibanaCommand.Check.class
    })
public class KibanaCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static String prefix(Path config) {
    return ElasticSettings.from(ConfigSource.load(config)).indexPrefix();
  }

  /** Credentials: basic or API key, not both. */
  static class Auth {
    @Option(names = "--username", description = "Kibana user (with --password).")
    String username;

    @Option(names = "--password", description = "Password; default: $KIBANA_PASSWORD.")
    String password;

    @Option(names = "--api-key", description = "Encoded API key; default: $KIBANA_API_KEY.")
    String apiKey;
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Import data views, Lens panels, saved searches and dashboards (overwrite) and create or"
              + " update the alerting rules.")
  static class Import implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "Kibana URL, e.g. https://kibana:5601")
    String url;

    @Option(names = "--space", description = "Kibana space id (default space if omitted).")
    String space;

    @Option(names = "--no-rules", description = "Import saved objects only.")
    boolean noRules;

    @Option(names = "--config", description = "Configuration file (for the index prefix).")
    Path config;

    @ArgGroup(exclusive = false)
    Auth auth = new Auth();

    @Mixin Verbosity verbosity;

    @Override
    public Integer call() {
      String authorization = null;
      String apiKey = auth.apiKey != null ? auth.apiKey : System.getenv("KIBANA_API_KEY");
      if (auth.username != null) {
        String pw = auth.password != null ? auth.password : System.getenv("KIBANA_PASSWORD");
        if (pw == null) {
          throw new IllegalArgumentException("--username needs --password or $KIBANA_PASSWORD");
        }
        authorization = KibanaImporter.basic(auth.username, pw);
      } else if (apiKey != null) {
        authorization = KibanaImporter.apiKey(apiKey);
      }
      String prefix = prefix(config);
      KibanaObjects objects = new KibanaObjects(prefix);
      AlertRules rules = new AlertRules(prefix);
      KibanaImporter.Result r =
          new KibanaImporter(url, space, authorization)
              .importAll(objects.ndjson(), noRules ? java.util.List.of() : rules.rules());
      System.out.printf("saved objects  %d imported %s%n", r.imported(), r.importedByType());
      System.out.printf(
          "alert rules    %d created %s, %d updated %s%n",
          r.rulesCreated().size(), r.rulesCreated(), r.rulesUpdated().size(), r.rulesUpdated());
      for (String e : r.errors()) {
        System.out.println("error          " + e);
      }
      if (r.ok()) {
        System.out.printf(
            "dashboards     %s/app/dashboards#/view/%s-dashboard-analysts (and -triage, -leadership)%n",
            url.replaceAll("/$", "") + (space == null ? "" : "/s/" + space), prefix);
      }
      return r.ok() ? 0 : 1;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write the saved objects (ndjson, for Kibana's UI import) and the rules (JSON).")
  static class Export implements Callable<Integer> {
    @Option(names = "--out", defaultValue = ".", description = "Directory (default: current).")
    Path out;

    @Option(names = "--config", description = "Configuration file (for the index prefix).")
    Path config;

    @Override
    public Integer call() throws Exception {
      String prefix = prefix(config);
      Files.createDirectories(out);
      Path nd = out.resolve("qualitywatch-kibana.ndjson");
      Files.writeString(nd, new KibanaObjects(prefix).ndjson(), StandardCharsets.UTF_8);
      ArrayNode arr = EventCodec.mapper().createArrayNode();
      for (AlertRules.Rule r : new AlertRules(prefix).rules()) {
        arr.addObject().put("id", r.id()).set("rule", r.body());
      }
      Path rules = out.resolve("qualitywatch-alert-rules.json");
      Files.writeString(
          rules,
          EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(arr) + "\n",
          StandardCharsets.UTF_8);
      System.out.println("wrote " + nd + " and " + rules);
      return 0;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Run every dashboard panel's aggregation against Elasticsearch (no Kibana needed) and"
              + " show which panels have data.")
  static class Check implements Callable<Integer> {
    @Option(names = "--config", description = "Configuration file (properties).")
    Path config;

    @Mixin Verbosity verbosity;

    @Override
    public Integer call() throws Exception {
      ElasticSettings es = ElasticSettings.from(ConfigSource.load(config));
      int withData = 0;
      java.util.List<io.qualitywatch.dashboards.kibana.PanelCheck.Outcome> outcomes;
      try (org.elasticsearch.client.RestClient client =
          io.qualitywatch.ingestion.elastic.ElasticClients.restClient(es)) {
        outcomes =
            io.qualitywatch.dashboards.kibana.PanelCheck.run(
                client, new KibanaObjects(es.indexPrefix()));
      }
      for (var o : outcomes) {
        withData += o.hasData() ? 1 : 0;
        System.out.printf(
            "%-5s %-36s %-26s %s%n",
            o.hasData() ? "ok" : "EMPTY",
            o.id(),
            o.index(),
            o.error() != null
                ? o.error()
                : o.nonEmpty() + " of " + o.rows() + " buckets with data");
      }
      System.out.printf("%d of %d panels have data%n", withData, outcomes.size());
      return 0;
    }
  }
}

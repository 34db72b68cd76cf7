package io.qualitywatch.cli;

import io.qualitywatch.dashboards.report.ReportWriter;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.elastic.ElasticClients;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qw report}: the annual or monthly quality-situation report, HTML and PDF. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write the quality-situation report (质量状况分析报告) for a year or a month as HTML, and as"
            + " PDF when Chromium is installed.")
public class ReportCommand implements Callable<Integer> {
  @Option(names = "--year", required = true, description = "Report year.")
  int year;

  @Option(names = "--month", description = "Month 1-12 for a monthly report.")
  Integer month;

  @Option(
      names = "--out",
      defaultValue = "reports",
      description = "Output directory (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--config", description = "Configuration file (properties).")
  Path config;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() {
    if (month != null && (month < 1 || month > 12)) {
      throw new IllegalArgumentException("--month must be 1-12, got " + month);
    }
    ElasticSettings es = ElasticSettings.from(ConfigSource.load(config));
    try (RestClient client = ElasticClients.restClient(es)) {
      print(ReportWriter.write(client, es.indices(), year, month, out));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return 0;
  }

  static void print(ReportWriter.Written w) {
    var h = w.data().headline();
    System.out.printf(
        "report         %s: %,d enterprises rated (%,d C/D), pass rate %.1f%%, %,d warnings%n",
        w.data().titleEn(), h.enterprisesRated(), h.highRisk(), h.passRate(), h.warningsRaised());
    System.out.println("report         " + w.html().toAbsolutePath());
    System.out.println(
        "report         "
            + (w.pdf() != null
                ? w.pdf().toAbsolutePath()
                : "(no PDF: install Chromium, e.g. apt-get install -y chromium)"));
  }
}

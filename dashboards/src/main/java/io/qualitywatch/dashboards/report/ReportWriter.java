package io.qualitywatch.dashboards.report;

import io.qualitywatch.ingestion.elastic.IndexNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.elasticsearch.client.RestClient;

/** Writes {@code report-<year>[-<month>].html} and, where Chromium is installed, the PDF. */
public final class ReportWriter {
  private ReportWriter() {}

  /** What was written; {@code pdf} is null when no Chromium was found. */
  public record Written(ReportData data, Path html, Path pdf) {}

  public static Written write(
      RestClient client, IndexNames idx, int year, Integer month, Path outDir) {
    ReportData data = new ReportQueries(client, idx).load(year, month, Instant.now());
    String base = "report-" + year + (month == null ? "" : String.format("-%02d", month));
    try {
      Files.createDirectories(outDir);
      Path html = outDir.resolve(base + ".html");
      Files.writeString(html, ReportRenderer.html(data), StandardCharsets.UTF_8);
      Path pdf = null;
      var chromium = Chromium.find();
      if (chromium.isPresent()) {
        pdf = outDir.resolve(base + ".pdf");
        chromium.get().printToPdf(html, pdf);
      }
      return new Written(data, html, pdf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

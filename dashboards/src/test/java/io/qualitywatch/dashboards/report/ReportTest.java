package io.qualitywatch.dashboards.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.dashboards.fixture.DemoFixture;
import io.qualitywatch.dashboards.fixture.SharedFixture;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.risk.warning.WarningDocument;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's figures equal the source data, and the page Chromium renders shows them: every chart
 * drawn with marks and coloured pixels, the PDF written.
 */
class ReportTest {
  static SharedFixture.Loaded loaded;
  static DemoFixture f;
  static final Instant GENERATED = Instant.parse("2026-01-05T08:00:00Z");

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    loaded = SharedFixture.get();
    f = loaded.data();
  }

  private static ReportData report(Integer month) {
    return new ReportQueries(loaded.client(), loaded.es().indices()).load(2025, month, GENERATED);
  }

  private static boolean in2025(Instant t, Integer month) {
    var d = t.atZone(ZoneOffset.UTC);
    return d.getYear() == 2025 && (month == null || d.getMonthValue() == month);
  }

  @Test
  void annualFiguresEqualTheSourceData() {
    ReportData d = report(null);
    assertEquals("ratings", d.ratingsSource());
    List<ObjectNode> ratings =
        f.ratings.stream().filter(r -> r.path("year").asInt() == 2025).toList();
    assertEquals(ratings.size(), d.headline().enterprisesRated());
    long cd = ratings.stream().filter(r -> r.path("rating").asText().matches("[CD]")).count();
    assertTrue(cd > 0);
    assertEquals(cd, d.headline().highRisk());
    Map<String, Map<String, Long>> byProvince = new TreeMap<>();
    ratings.forEach(
        r ->
            byProvince
                .computeIfAbsent(r.path("province_code").asText(), k -> new TreeMap<>())
                .merge(r.path("rating").asText(), 1L, Long::sum));
    assertEquals(byProvince, d.ratingsByProvince());

    List<EventEnvelope> sampling =
        f.events.stream()
            .filter(e -> e.payload() instanceof SamplingResult && in2025(e.eventTime(), null))
            .toList();
    assertEquals(sampling.size(), d.headline().samplingBatches());
    assertEquals(
        sampling.stream()
            .filter(e -> ((SamplingResult) e.payload()).verdict() == SamplingResult.Verdict.PASS)
            .count(),
        d.headline().samplingPassed());
    Map<String, long[]> months = new LinkedHashMap<>();
    sampling.stream()
        .sorted(Comparator.comparing(EventEnvelope::eventTime))
        .forEach(
            e -> {
              long[] c =
                  months.computeIfAbsent(
                      e.eventTime().toString().substring(0, 7), k -> new long[2]);
              c[0]++;
              if (((SamplingResult) e.payload()).verdict() == SamplingResult.Verdict.PASS) {
                c[1]++;
              }
            });
    assertEquals(months.keySet(), d.passRateByMonth().keySet());
    months.forEach((m, c) -> assertArrayEquals(c, d.passRateByMonth().get(m), m));

    assertEquals(
        f.events.stream()
            .filter(
                e ->
                    in2025(e.eventTime(), null)
                        && e.payload() instanceof Complaint c
                        && c.kind() != Complaint.ComplaintKind.CONSULTATION)
            .count(),
        d.headline().complaints());

    Predicate<WarningDocument> raised = w -> in2025(w.openedAt(), null);
    assertEquals(
        f.warnings.values().stream().filter(raised).count(), d.headline().warningsRaised());
    for (String level : List.of("RED", "ORANGE", "YELLOW", "BLUE")) {
      assertEquals(
          f.warnings.values().stream().filter(raised.and(w -> w.level().equals(level))).count(),
          d.headline().warningsByLevel().get(level),
          level);
    }
    List<ObjectNode> cov =
        f.coverage.stream()
            .filter(
                c ->
                    c.path("year").asInt() == 2025
                        && c.has("target")
                        && c.path("industry_code").asText().equals("*"))
            .toList();
    assertEquals(90.0, d.passRateTarget(), 1e-9, "ratio target shown as a percentage");
    assertEquals(cov.size(), d.headline().coverageFigures());
    assertEquals(
        cov.stream().filter(c -> !c.path("meets_target").asBoolean()).count(),
        d.headline().coverageBelowTarget());

    // The city with most C/D enterprises leads the regional ranking.
    Map<String, Long> cities = new TreeMap<>();
    ratings.stream()
        .filter(r -> r.path("rating").asText().matches("[CD]"))
        .forEach(r -> cities.merge(r.path("city_code").asText(), 1L, Long::sum));
    var topCity =
        cities.entrySet().stream()
            .max(
                Map.Entry.<String, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
            .orElseThrow();
    assertEquals(topCity.getKey(), d.topRegions().get(0).code());
    assertEquals(topCity.getValue(), d.topRegions().get(0).highRisk());
  }

  @Test
  void monthlyReportNarrowsTheWindowButKeepsTheTrendToDate() {
    ReportData d = report(3);
    assertEquals("2025-03-01", d.from().toString());
    assertEquals("2025-03-31", d.to().toString());
    assertEquals(
        f.events.stream()
            .filter(e -> e.payload() instanceof SamplingResult && in2025(e.eventTime(), 3))
            .count(),
        d.headline().samplingBatches());
    assertEquals(
        List.of("2025-01", "2025-02", "2025-03"), List.copyOf(d.passRateByMonth().keySet()));
    assertEquals(
        f.warnings.values().stream().filter(w -> in2025(w.openedAt(), 3)).count(),
        d.headline().warningsRaised());
  }

  @Test
  void chromiumRendersEveryChartAndTheFiguresFromTheData() throws Exception {
    var chromium = Chromium.find();
    assumeTrue(chromium.isPresent(), "chromium not installed (apt-get install -y chromium)");
    ReportData d = report(null);
    String html = ReportRenderer.html(d);
    Path page = dir.resolve("report.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);

    // The DOM after Chromium parsed the page carries the figures of the data.
    String dom = chromium.get().dumpDom(page);
    Map<String, String> figures = new LinkedHashMap<>();
    Matcher m = Pattern.compile("data-figure=\"([a-z-]+)\">([^<]*)<").matcher(dom);
    while (m.find()) {
      figures.put(m.group(1), m.group(2));
    }
    assertEquals(
        String.format(Locale.ROOT, "%,d", d.headline().enterprisesRated()),
        figures.get("enterprises-rated"));
    assertEquals(
        String.format(Locale.ROOT, "%,d", d.headline().highRisk()), figures.get("high-risk"));
    assertEquals(
        String.format(Locale.ROOT, "%.1f%%", d.headline().passRate()), figures.get("pass-rate"));
    assertEquals(
        String.format(Locale.ROOT, "%,d", d.headline().complaints()), figures.get("complaints"));
    assertEquals(
        String.format(Locale.ROOT, "%,d", d.headline().warningsRaised()),
        figures.get("warnings-raised"));
    assertEquals("2025-01-01 – 2025-12-31", figures.get("window"));
    assertEquals("2026-01-05 08:00 UTC", figures.get("generated"));

    // Every chart has data marks, and drawn alone it paints coloured pixels.
    Matcher charts =
        Pattern.compile(
                "<svg class=\"chart\" data-chart=\"([a-z-]+)\" data-marks=\"(\\d+)\".*?</svg>",
                Pattern.DOTALL)
            .matcher(dom);
    List<String> drawn = new java.util.ArrayList<>();
    while (charts.find()) {
      String name = charts.group(1);
      drawn.add(name);
      assertTrue(Integer.parseInt(charts.group(2)) > 0, name + " is empty");
      Path one = dir.resolve(name + ".html");
      Files.writeString(
          one,
          "<!DOCTYPE html><html><body style=\"margin:0;background:#fff\">"
              + charts.group()
              + "</body></html>",
          StandardCharsets.UTF_8);
      Path png = dir.resolve(name + ".png");
      chromium.get().screenshot(one, png, 700, 500);
      assertTrue(
          colouredPixels(ImageIO.read(png.toFile())) > 500, name + " renders no coloured marks");
    }
    assertEquals(
        List.of("ratings", "pass-rate", "coverage", "top-regions", "top-industries"), drawn);

    Path pdf = dir.resolve("report.pdf");
    chromium.get().printToPdf(page, pdf);
    byte[] bytes = Files.readAllBytes(pdf);
    assertEquals("%PDF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
    assertTrue(bytes.length > 20_000, "pdf size " + bytes.length);
  }

  /** Pixels clearly coloured (not white, grey or black text). */
  static long colouredPixels(BufferedImage img) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
          n++;
        }
      }
    }
    return n;
  }
}

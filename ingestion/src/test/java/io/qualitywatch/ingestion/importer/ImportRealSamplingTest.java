package io.qualitywatch.ingestion.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.HazardClass;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.kafka.UnresolvedRecord;
import io.qualitywatch.ingestion.resolve.EnterpriseRegistry;
import io.qualitywatch.ingestion.resolve.NameNormalizer;
import io.qualitywatch.ingestion.resolve.UnresolvedReason;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real, uncleaned sampling exports (see the README next to them), loaded as a dry run. The
 * expectations are computed here from the raw CSV with a plain parser, independently of the
 * mapping, so the test checks the importer's accounting rather than restating it.
 */
class ImportRealSamplingTest {
  static final Path DIR =
      Path.of(System.getProperty("qw.shared.dir", "/work/shared"), "data", "cn-sampling");
  static final Path CN = DIR.resolve("cn_sampling_results.csv");
  static final Path JJY = DIR.resolve("jjy.csv");

  private static List<String[]> rows;

  @BeforeAll
  static void readRaw() throws Exception {
    assumeTrue(Files.isRegularFile(CN), "sampling data not present at " + DIR);
    rows = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(CN, StandardCharsets.UTF_8)) {
      for (CSVRecord rec : CSVFormat.RFC4180.parse(r)) {
        rows.add(rec.values());
      }
    }
    rows.remove(0); // header
  }

  private static IngestSummary dryRun(
      Path file, String mapping, EnterpriseRegistry reg, RecordingSink sink) throws Exception {
    return FileIngestor.builder()
        .mapping(Mapping.load(mapping))
        .registry(reg)
        .sink(sink)
        .progress(null)
        .build()
        .ingest(file);
  }

  /** The parties a row names, each once, as the mapping should see them. */
  private static List<String> parties(String[] row) {
    List<String> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (String name : new String[] {row[4], row[5]}) {
      if (!NameNormalizer.isPlaceholder(name) && keys.add(NameNormalizer.normalize(name))) {
        out.add(name.strip());
      }
    }
    return out;
  }

  @Test
  void everyRowIsAccountedAndExactDuplicatesCollapse() throws Exception {
    RecordingSink sink = new RecordingSink();
    IngestSummary s = dryRun(CN, "cn-sampling", EnterpriseRegistry.empty(), sink);

    Set<List<String>> distinct = new HashSet<>();
    long expectedEvents = 0;
    long expectedMasked = 0;
    long expectedNoParty = 0;
    for (String[] row : rows) {
      if (distinct.add(Arrays.asList(row).subList(0, 17))) {
        List<String> p = parties(row);
        expectedEvents += Math.max(1, p.size());
        if (p.isEmpty()) {
          expectedNoParty++;
        } else if (NameNormalizer.isMasked(p.get(0))) {
          expectedMasked++;
        }
      }
    }
    assertEquals(11_763, rows.size());
    assertEquals(11_763, s.read());
    assertTrue(s.balanced(), s.format());
    // README: 1,254 rows are exact copies of another row (all 17 original columns); only
    // source_file differs, and the batch id ignores it.
    assertEquals(1_254, s.duplicate(), s.format());
    assertEquals(rows.size() - distinct.size(), s.duplicate());
    assertEquals(0, s.rejectedTotal(), s.format());
    assertEquals(0, s.accepted(), "nothing can be accepted without a registry");
    assertEquals(distinct.size(), s.unresolvedTotal());
    assertEquals(expectedMasked, s.unresolved(UnresolvedReason.MASKED_NAME), s.format());
    assertEquals(expectedNoParty, s.unresolved(UnresolvedReason.NO_PARTY), s.format());
    assertEquals(expectedEvents, s.eventsUnresolvedTotal(), s.format());
    assertEquals(expectedEvents, sink.unresolved.size());
    // README: 374 masked producer names; 273 of those rows are distinct (the 食安通 scrape windows
    // overlap). One more row names only a masked sampled entity (producer "/").
    assertEquals(274, expectedMasked);
  }

  @Test
  void datesComeFromThePublicationDateAndEveryFieldIsMapped() throws Exception {
    RecordingSink sink = new RecordingSink();
    dryRun(CN, "cn-sampling", EnterpriseRegistry.empty(), sink);
    Map<Long, String[]> byRecord = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      byRecord.put(i + 1L, rows.get(i));
    }
    int failedItems = 0;
    for (UnresolvedRecord u : sink.unresolved) {
      EventEnvelope e = u.event();
      String[] row = byRecord.get(u.line());
      LocalDate published = LocalDate.parse(row[15]);
      assertEquals(published.atStartOfDay(ZoneOffset.ofHours(8)).toInstant(), e.eventTime());
      SamplingResult p = (SamplingResult) e.payload();
      assertEquals(published, p.samplingDate());
      assertNotNull(p.productCategory(), "category for " + row[2] + " / " + row[3]);
      assertEquals(
          row[13].equals("合格") ? SamplingResult.Verdict.PASS : SamplingResult.Verdict.FAIL,
          p.verdict());
      assertFalse(p.batchId().isBlank());
      if (p.verdict() == SamplingResult.Verdict.FAIL) {
        assertFalse(p.items().isEmpty(), "failed row " + u.line() + " without items");
        for (SamplingResult.TestedItem item : p.items()) {
          assertFalse(item.passed());
          assertNotNull(item.hazardClass());
          failedItems++;
        }
      }
      if (u.reason() == UnresolvedReason.MASKED_NAME) {
        assertTrue(u.name().contains("*"));
      }
    }
    assertTrue(failedItems > 1_000, "failed items: " + failedItems);
  }

  @Test
  void hazardClassesOfRealItems() throws Exception {
    RecordingSink sink = new RecordingSink();
    dryRun(CN, "cn-sampling", EnterpriseRegistry.empty(), sink);
    Map<String, HazardClass> seen = new HashMap<>();
    for (UnresolvedRecord u : sink.unresolved) {
      for (SamplingResult.TestedItem i : ((SamplingResult) u.event().payload()).items()) {
        seen.put(i.name(), i.hazardClass());
      }
    }
    assertEquals(HazardClass.SAFETY_CRITICAL, seen.get("大肠菌群"));
    assertEquals(HazardClass.SAFETY_CRITICAL, seen.get("镉(以Cd计)"));
    assertEquals(HazardClass.SAFETY_CRITICAL, seen.get("苯并[a]芘"));
    assertEquals(HazardClass.SAFETY_CRITICAL, seen.get("过氧化苯甲酰"));
    assertEquals(HazardClass.SAFETY_CRITICAL, seen.get("6-苄基腺嘌呤(6-BA)（不得检出）"));
    assertEquals(HazardClass.MAJOR, seen.get("苯甲酸"));
    assertEquals(HazardClass.MAJOR, seen.get("氨基酸态氮"));
    assertEquals(HazardClass.MAJOR, seen.get("总酸（标签明示：≥4.5g/100mL/实测值：3.76g/100mL）"));
    assertEquals(HazardClass.MINOR, seen.get("标签"));
    assertEquals(HazardClass.MAJOR, seen.get("硬脂酸"), "unknown items default to MAJOR");
  }

  @Test
  void registryNamesResolveDespiteSpacesBracketsAndSuffixPunctuation() throws Exception {
    RecordingSink sink = new RecordingSink();
    IngestSummary s = dryRun(CN, "cn-sampling", ImportMappingTest.fixtureRegistry(), sink);
    assertTrue(s.balanced());
    assertEquals(1_254, s.duplicate());
    Map<String, String> codeOf =
        Map.of(
            "安琪酵母股份有限公司", "91420500MA0000001N",
            "乐斯福（明光）有限公司", "91341182MA0000002U",
            "山西水塔醋业股份有限公司", "91140100MA0000003C",
            "韶山市好又多商贸有限公司", "91430382MA0000004J",
            "嘉里粮油（青岛）有限公司", "91370200MA0000005H");
    // Expected accepted events per name, from the raw rows (distinct rows only). The file writes
    // 山西水塔醋业 as 股份有限公司 with trailing spaces, ". ", "? " or U+3000, and once as 有限公司:
    // with one such enterprise registered, the company-form variant resolves to it too.
    Map<String, Integer> expected = new HashMap<>();
    Set<List<String>> distinct = new HashSet<>();
    for (String[] row : rows) {
      if (!distinct.add(Arrays.asList(row).subList(0, 17))) {
        continue;
      }
      for (String party : parties(row)) {
        String key = NameNormalizer.canonicalForm(NameNormalizer.normalize(party));
        codeOf.keySet().stream()
            .filter(n -> NameNormalizer.canonicalForm(NameNormalizer.normalize(n)).equals(key))
            .forEach(n -> expected.merge(n, 1, Integer::sum));
      }
    }
    Map<String, Integer> actual = new HashMap<>();
    for (EventEnvelope e : sink.events) {
      codeOf.forEach(
          (name, code) -> {
            if (code.equals(e.creditCode())) {
              actual.merge(name, 1, Integer::sum);
            }
          });
    }
    assertEquals(expected, actual);
    assertTrue(actual.get("安琪酵母股份有限公司") >= 40); // written with a trailing space in the file
    assertTrue(actual.containsKey("韶山市好又多商贸有限公司")); // internal space in the file

    // 菱花集团有限公司 is registered in Shandong and Jiangsu: the Shandong bureau's rows resolve,
    // the national administration's rows cannot be placed.
    long shandong =
        sink.events.stream().filter(e -> "91370800MA0000006K".equals(e.creditCode())).count();
    long jiangsu =
        sink.events.stream().filter(e -> "91320100MA0000007X".equals(e.creditCode())).count();
    assertTrue(shandong > 0);
    assertEquals(0, jiangsu);
    assertTrue(
        sink.unresolved.stream()
            .anyMatch(
                u ->
                    u.reason() == UnresolvedReason.AMBIGUOUS
                        && u.name().equals("菱花集团有限公司")
                        && u.regionHint().equals("原国家食药总局")));
    // Every accepted event is a complete, valid contract event.
    for (EventEnvelope e : sink.events) {
      assertNotNull(e.regionCode());
      assertNotNull(e.industryCode());
    }
    assertEquals(s.eventsAccepted(), sink.events.size());
  }

  @Test
  void jjyBilingualExport() throws Exception {
    assumeTrue(Files.isRegularFile(JJY));
    RecordingSink sink = new RecordingSink();
    IngestSummary s = dryRun(JJY, "jjy", EnterpriseRegistry.empty(), sink);
    assertEquals(37, s.read());
    assertTrue(s.balanced());
    assertEquals(0, s.rejectedTotal(), s.format());
    assertEquals(0, s.duplicate());
    assertEquals(37, s.unresolved(UnresolvedReason.NOT_IN_REGISTRY), s.format());
    Set<String> batches = new HashSet<>();
    long sellers = 0;
    for (UnresolvedRecord u : sink.unresolved) {
      SamplingResult p = (SamplingResult) u.event().payload();
      assertTrue(p.batchId().matches("foodmate-\\d+"), p.batchId());
      batches.add(p.batchId());
      assertEquals(SamplingResult.Verdict.FAIL, p.verdict());
      assertEquals("FOOD-EDIBLE-OIL", p.productCategory());
      assertEquals(HazardClass.SAFETY_CRITICAL, p.worstHazard(), p.items().toString());
      assertNotNull(p.items().get(0).measured());
      assertNotNull(p.items().get(0).limit());
      if (p.role() == SamplingResult.SampledRole.SELLER) {
        sellers++;
        assertTrue(u.name().matches(".*(超市|店|商|购物|经营部).*"), u.name());
      }
    }
    assertEquals(37, batches.size());
    assertTrue(sellers > 0, "supermarket branches are sellers, not producers");
  }

  @Test
  void bothFilesInOneLoad() throws Exception {
    assumeTrue(Files.isRegularFile(JJY));
    IngestSummary s =
        FileIngestor.builder()
            .mapping(Mapping.load("cn-sampling"))
            .progress(null)
            .build()
            .ingestAll(List.of(CN, CN));
    // The second pass over the same file is all duplicates: same ids on re-load.
    assertEquals(2 * 11_763, s.read());
    assertEquals(1_254 + 11_763, s.duplicate());
    assertTrue(Stream.of(s).allMatch(IngestSummary::balanced));
  }
}

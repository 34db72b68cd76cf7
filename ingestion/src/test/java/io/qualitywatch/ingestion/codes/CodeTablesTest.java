package io.qualitywatch.ingestion.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodeTablesTest {
  private final CodeTables codes = CodeTables.get();

  // ---------------------------------------------------------------- regions

  @Test
  void provincialLevelHasAllThirtyFour() {
    List<Region> provinces = codes.provinces();
    assertEquals(34, provinces.size());
    long mainland =
        provinces.stream()
            .filter(r -> !Set.of("710000", "810000", "820000").contains(r.code()))
            .count();
    assertEquals(31, mainland);
    assertTrue(provinces.stream().allMatch(r -> r.code().endsWith("0000")));
  }

  @ParameterizedTest
  @CsvSource({
    "110101, 东城区, COUNTY",
    "440300, 深圳市, CITY",
    "320583, 昆山市, COUNTY",
    "110000, 北京市, PROVINCE",
    "500000, 重庆市, PROVINCE",
    "429004, 仙桃市, COUNTY",
    "810000, 香港特别行政区, PROVINCE"
  })
  void wellKnownRegionsArePresent(String code, String name, Region.Level level) {
    Region r = codes.region(code).orElseThrow();
    assertEquals(name, r.name());
    assertEquals(level, r.level());
    assertTrue(codes.isRegion(code));
  }

  @ParameterizedTest
  @ValueSource(strings = {"999999", "110199", "32058", "3205830", "", "11010A"})
  void unknownOrMalformedRegionsAreRejected(String code) {
    assertFalse(codes.isRegion(code));
    assertTrue(codes.region(code).isEmpty());
  }

  @Test
  void nullIsNotARegion() {
    assertFalse(codes.isRegion(null));
  }

  @Test
  void municipalityAndProvinceDirectPlaceholdersAreRegions() {
    // Registries and events use these city-level codes, so they must validate; the names stay
    // verbatim because name matching recognises the placeholders by them.
    assertEquals("市辖区", codes.region("110100").orElseThrow().name());
    assertEquals("县", codes.region("500200").orElseThrow().name());
    assertEquals(Region.Level.CITY, codes.region("429000").orElseThrow().level());
    assertEquals("429000", codes.region("429004").orElseThrow().cityCode());
  }

  @Test
  void countiesAreTheLeafLevelIncludingCitiesWithoutCounties() {
    List<Region> counties = codes.counties();
    assertTrue(counties.size() > 2800, "counties: " + counties.size());
    Set<String> leafCodes = counties.stream().map(Region::code).collect(Collectors.toSet());
    // 东莞 and 中山 have no counties: enterprises there carry the city's code.
    assertTrue(leafCodes.contains("441900") && leafCodes.contains("442000"));
    assertFalse(leafCodes.contains("440300"), "深圳 has districts, so it is not a leaf");
    assertFalse(leafCodes.contains("110000"));
    for (Region r : counties) {
      assertTrue(codes.isRegion(r.provinceCode()), r + " has no province");
      assertTrue(codes.isRegion(r.cityCode()), r + " has no city");
    }
  }

  @Test
  void everyRegionHasItsParentsInTheTable() {
    for (Region r : codes.regions()) {
      assertTrue(codes.isRegion(r.provinceCode()), r.toString());
      if (r.level() == Region.Level.COUNTY) {
        assertTrue(codes.isRegion(r.cityCode()), r.toString());
      }
    }
  }

  // ---------------------------------------------------------------- industries

  @Test
  void industryTableHasAllSectionsAndDivisions() {
    assertEquals(20, codes.sections().size());
    assertEquals("ABCDEFGHIJKLMNOPQRST", String.join("", codes.sections().keySet()));
    assertEquals(97, codes.industries().size());
    Map<String, Long> perSection =
        codes.industries().stream()
            .collect(
                Collectors.groupingBy(
                    IndustryDivision::section, TreeMap::new, Collectors.counting()));
    assertEquals(31L, perSection.get("C"));
    assertEquals(6L, perSection.get("S"));
    assertEquals(1L, perSection.get("T"));
    // Division numbers run 01..97 without gaps, each under its own section letter.
    Set<Integer> numbers = new TreeSet<>();
    for (IndustryDivision d : codes.industries()) {
      assertEquals(d.section(), d.code().substring(0, 1));
      numbers.add(Integer.parseInt(d.code().substring(1)));
    }
    assertEquals(97, numbers.size());
    assertEquals(1, numbers.iterator().next());
    assertEquals(97, ((TreeSet<Integer>) numbers).last());
  }

  @Test
  void wellKnownDivisions() {
    assertEquals("食品制造业", codes.industry("C14").orElseThrow().name());
    assertEquals("农副食品加工业", codes.industry("C13").orElseThrow().name());
    assertEquals("电气机械和器材制造业", codes.industry("C38").orElseThrow().name());
    assertEquals("零售业", codes.industry("F52").orElseThrow().name());
    assertEquals("制造业", codes.sections().get("C"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"C", "14", "c14", "C99", "F14", "C014", ""})
  void isIndustryAcceptsOnlyCanonicalDivisions(String code) {
    assertFalse(codes.isIndustry(code));
  }

  @ParameterizedTest
  @CsvSource({"14, C14", "c14, C14", " C14 , C14", "1411, C14", "C1411, C14", "01, A01", "52, F52"})
  void normaliseIndustryAcceptsRegistrySpellings(String input, String expected) {
    assertEquals(Optional.of(expected), codes.normaliseIndustry(input));
  }

  @ParameterizedTest
  @ValueSource(strings = {"F14", "99", "00", "C", "X", "C14A", "12345", "1"})
  void normaliseIndustryRejectsImpossibleCodes(String input) {
    assertEquals(Optional.empty(), codes.normaliseIndustry(input));
  }

  // ---------------------------------------------------------------- product categories

  @Test
  void everyProductCategoryPointsToAKnownDivision() {
    assertTrue(codes.productCategories().size() >= 40);
    for (ProductCategory c : codes.productCategories()) {
      assertTrue(codes.isIndustry(c.industryCode()), c.toString());
      assertTrue(codes.isProductCategory(c.code()));
      assertFalse(c.name().isBlank() || c.nameEn().isBlank() || c.group().isBlank(), c.toString());
    }
  }

  @Test
  void catalogueCoversFoodAndIndustrialGroups() {
    Set<String> groups =
        codes.productCategories().stream().map(ProductCategory::group).collect(Collectors.toSet());
    assertTrue(
        groups.containsAll(Set.of("food", "children", "electrical", "building", "textile")),
        groups.toString());
    assertEquals("调味品", codes.productCategory("FOOD-CONDIMENT").orElseThrow().name());
    assertTrue(codes.isProductCategory("CHILD-TOY"));
    assertTrue(codes.isProductCategory("ELEC-HOUSEHOLD"));
    assertFalse(codes.isProductCategory("food-condiment"), "codes are case-sensitive on the wire");
  }

  @ParameterizedTest
  @CsvSource({
    "调味品-->食醋, FOOD-CONDIMENT",
    "'  调味品 --> 食醋 ', FOOD-CONDIMENT",
    "调味品－－＞食醋, FOOD-CONDIMENT",
    "蛋及蛋制品-->再制蛋, FOOD-EGG",
    "蛋及蛋制品-->鲜蛋, FOOD-AGRI-PRODUCE",
    "水产及其制品-->生鲜(冻)水产品, FOOD-AGRI-PRODUCE",
    "水产及其制品-->生鲜（冻）水产品, FOOD-AGRI-PRODUCE",
    "餐饮环节产品-->水产品, FOOD-CATERING",
    "未知大类-->食醋, FOOD-CONDIMENT",
    "调　味　品, FOOD-CONDIMENT",
    "食用油、油脂及其制品, FOOD-EDIBLE-OIL",
    "食用油油脂及其制品, FOOD-EDIBLE-OIL",
    "food-condiment, FOOD-CONDIMENT",
    "Toys, CHILD-TOY",
    "玩具, CHILD-TOY"
  })
  void labelsMapToCategories(String label, String expected) {
    assertEquals(Optional.of(expected), codes.productCategoryForLabel(label));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "-->", "未知大类-->未知细类", "鞋帽服装箱包"})
  void unknownLabelsDoNotMap(String label) {
    assertEquals(Optional.empty(), codes.productCategoryForLabel(label));
  }

  @Test
  void everyProductClassInTheRealSamplingExportMaps() throws IOException {
    Path csv =
        Path.of(
            System.getProperty("qw.shared.dir", "/work/shared"),
            "data",
            "cn-sampling",
            "cn_sampling_results.csv");
    assumeTrue(Files.isRegularFile(csv), "real sampling export not available at " + csv);
    Set<String> labels = new HashSet<>();
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        labels.add(rec.get("产品分类"));
      }
    }
    labels.remove("");
    // 32 non-empty values in the published file; fewer would mean the file or the parse changed.
    assertTrue(labels.size() >= 30, "distinct 产品分类: " + labels.size());
    Set<String> unmapped = new TreeSet<>();
    for (String label : labels) {
      if (codes.productCategoryForLabel(label).isEmpty()) {
        unmapped.add(label);
      }
    }
    assertEquals(Set.of(), unmapped);
  }
}

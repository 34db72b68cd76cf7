package io.qualitywatch.ingestion.codes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The code tables events are validated against: GB/T 2260 regions, GB/T 4754-2017 industry
 * divisions and the sampling product catalogue, loaded once from classpath resources under {@code
 * codes/} (see docs/codes.md for their sources and how to regenerate them).
 */
public final class CodeTables {
  private static final CodeTables INSTANCE = new CodeTables();

  /** Separator between 大类 and 细类 in the 产品分类 column of sampling exports. */
  private static final String CATEGORY_ARROW = "-->";

  private final Map<String, Region> regions;

  /**
   * The same codes as bits indexed by their six digits: {@link #isRegion} runs once per event, and
   * a bit test on the parsed digits costs a fraction of hashing a freshly decoded string.
   */
  private final BitSet regionBits = new BitSet(1_000_000);

  private final List<Region> regionList;
  private final List<Region> provinces;
  private final List<Region> counties;
  private final Map<String, String> sections;
  private final Map<String, IndustryDivision> industries;
  private final List<IndustryDivision> industryList;
  private final Map<String, IndustryDivision> industriesByDigits = new HashMap<>();
  private final Map<String, ProductCategory> categories;
  private final List<ProductCategory> categoryList;
  private final Map<String, String> categoryLabels;

  private CodeTables() {
    Map<String, Region> regionMap = new HashMap<>(4096);
    List<Region> allRegions = new ArrayList<>();
    read(
        "codes/regions.tsv",
        3,
        f -> {
          Region r = new Region(f[0], f[1], Region.Level.valueOf(f[2].toUpperCase(Locale.ROOT)));
          if (regionMap.put(r.code(), r) != null) {
            throw new IllegalStateException("duplicate region code " + r.code());
          }
          allRegions.add(r);
        });
    regions = regionMap;
    for (String c : regionMap.keySet()) {
      int digits = sixDigits(c);
      if (digits >= 0) {
        regionBits.set(digits); // any other shape is answered by the map
      }
    }
    regionList = List.copyOf(allRegions);
    provinces = allRegions.stream().filter(r -> r.level() == Region.Level.PROVINCE).toList();
    counties = leafRegions(allRegions);

    Map<String, String> sectionMap = new LinkedHashMap<>();
    Map<String, IndustryDivision> divisionMap = new LinkedHashMap<>();
    read(
        "codes/industries.tsv",
        4,
        f -> {
          if (f[3].equals("section")) {
            sectionMap.put(f[0], f[2]);
          } else {
            divisionMap.put(f[0], new IndustryDivision(f[0], f[1], f[2]));
          }
        });
    sections = Collections.unmodifiableMap(sectionMap);
    industries = divisionMap;
    industryList = List.copyOf(divisionMap.values());
    industryList.forEach(d -> industriesByDigits.put(d.code().substring(1), d));

    Map<String, ProductCategory> categoryMap = new LinkedHashMap<>();
    Map<String, String> labels = new HashMap<>();
    read(
        "codes/product-categories.tsv",
        5,
        f -> {
          ProductCategory c = new ProductCategory(f[0], f[1], f[2], f[3], f[4]);
          if (!divisionMap.containsKey(c.industryCode())) {
            throw new IllegalStateException(
                "product category " + c.code() + " names unknown industry " + c.industryCode());
          }
          categoryMap.put(c.code(), c);
          labels.put(normaliseLabel(c.code()), c.code());
          labels.put(normaliseLabel(c.name()), c.code());
          labels.put(normaliseLabel(c.nameEn()), c.code());
        });
    read(
        "codes/food-category-aliases.tsv",
        2,
        f -> {
          if (!categoryMap.containsKey(f[1])) {
            throw new IllegalStateException("alias " + f[0] + " names unknown category " + f[1]);
          }
          labels.put(normaliseLabel(f[0]), f[1]);
        });
    categories = categoryMap;
    categoryList = List.copyOf(categoryMap.values());
    categoryLabels = labels;
  }

  public static CodeTables get() {
    return INSTANCE;
  }

  // ---------------------------------------------------------------- regions (GB/T 2260)

  /** True for every code in the table: provinces, cities (including 市辖区 placeholders), counties. */
  public boolean isRegion(String code) {
    if (code == null) {
      return false;
    }
    int digits = sixDigits(code);
    return digits >= 0 ? regionBits.get(digits) : regions.containsKey(code);
  }

  /** The code as a number when it is exactly six ASCII digits (every GB/T 2260 code), else -1. */
  private static int sixDigits(String code) {
    if (code.length() != 6) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < 6; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  public Optional<Region> region(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(regions.get(code));
  }

  /**
   * All county-level regions (the level events are located at), plus the prefecture-level cities
   * that have no counties at all (东莞 441900, 中山 442000, 儋州 460400): there the city is the lowest
   * level, so an enterprise's region code is the city's.
   */
  public List<Region> counties() {
    return counties;
  }

  /** Every region in code order. */
  public List<Region> regions() {
    return regionList;
  }

  /** The 34 provincial-level regions (31 mainland plus 710000, 810000, 820000). */
  public List<Region> provinces() {
    return provinces;
  }

  // ---------------------------------------------------------------- industries (GB/T 4754-2017)

  /** True for a division in canonical form (section letter + two digits, {@code C14}). */
  public boolean isIndustry(String code) {
    return code != null && industries.containsKey(code);
  }

  /**
   * The division for a canonical code; use {@link #normaliseIndustry} first for other spellings.
   */
  public Optional<IndustryDivision> industry(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(industries.get(code));
  }

  public List<IndustryDivision> industries() {
    return industryList;
  }

  /** Section letter → name, A to T. */
  public Map<String, String> sections() {
    return sections;
  }

  /**
   * The canonical division code for the spellings found in registries and exports: {@code C14},
   * {@code c14}, {@code 14}, and a group or class code whose first two digits are the division
   * ({@code 1411}, {@code C1411}, {@code 141}). Empty when the division does not exist or the
   * letter does not match its section ({@code F14}).
   */
  public Optional<String> normaliseIndustry(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String s = code.strip().toUpperCase(Locale.ROOT);
    String letter = null;
    if (!s.isEmpty() && s.charAt(0) >= 'A' && s.charAt(0) <= 'Z') {
      letter = s.substring(0, 1);
      s = s.substring(1);
    }
    if (s.length() < 2 || s.length() > 4) {
      return Optional.empty();
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return Optional.empty();
      }
    }
    IndustryDivision d = industriesByDigits.get(s.substring(0, 2));
    if (d == null || (letter != null && !d.section().equals(letter))) {
      return Optional.empty();
    }
    return Optional.of(d.code());
  }

  // ---------------------------------------------------------------- product catalogue

  public boolean isProductCategory(String code) {
    return code != null && categories.containsKey(code);
  }

  public Optional<ProductCategory> productCategory(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(categories.get(code));
  }

  public List<ProductCategory> productCategories() {
    return categoryList;
  }

  /**
   * The category code for a free-text label from an export: a 产品分类 value {@code 大类-->细类} (matched
   * by the whole label, then by 大类, then by 细类), a catalogue name, a known synonym or a category
   * code. Full-width characters and whitespace do not matter.
   */
  public Optional<String> productCategoryForLabel(String label) {
    if (label == null) {
      return Optional.empty();
    }
    String key = normaliseLabel(label);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    String hit = categoryLabels.get(key);
    if (hit == null) {
      int arrow = key.indexOf(CATEGORY_ARROW);
      if (arrow >= 0) {
        hit = categoryLabels.get(key.substring(0, arrow));
        if (hit == null) {
          hit = categoryLabels.get(key.substring(arrow + CATEGORY_ARROW.length()));
        }
      }
    }
    return Optional.ofNullable(hit);
  }

  /**
   * NFKC folds full-width letters, digits, brackets and the ideographic space to their ASCII forms,
   * so {@code 生鲜（冻）水产品} and {@code 生鲜(冻)水产品} compare equal; whitespace is dropped because exports
   * pad and split labels arbitrarily. English names compare case-insensitively.
   */
  static String normaliseLabel(String label) {
    String n = Normalizer.normalize(label, Normalizer.Form.NFKC);
    StringBuilder b = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        b.append(c);
      }
    }
    String s = b.toString();
    boolean ascii = s.chars().allMatch(c -> c < 128);
    return ascii ? s.toUpperCase(Locale.ROOT) : s;
  }

  // ---------------------------------------------------------------- loading

  private static List<Region> leafRegions(List<Region> all) {
    Set<String> citiesWithCounties = new HashSet<>();
    for (Region r : all) {
      if (r.level() == Region.Level.COUNTY) {
        citiesWithCounties.add(r.cityCode());
      }
    }
    List<Region> out = new ArrayList<>();
    for (Region r : all) {
      boolean leafCity = r.level() == Region.Level.CITY && !citiesWithCounties.contains(r.code());
      if (r.level() == Region.Level.COUNTY || leafCity) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /** Reads a UTF-8 TSV resource: {@code #} lines are comments, the first other line the header. */
  private static void read(String resource, int columns, Consumer<String[]> row) {
    InputStream in = CodeTables.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("code table " + resource + " is not on the classpath");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      boolean header = true;
      int lineNo = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != columns) {
          throw new IllegalStateException(
              resource + ":" + lineNo + ": expected " + columns + " columns, got " + f.length);
        }
        for (int i = 0; i < f.length; i++) {
          f[i] = f[i].strip();
        }
        row.accept(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read code table " + resource, e);
    }
  }
}

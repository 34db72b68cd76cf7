package io.qualitywatch.ingestion.resolve;

import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Short place names of a region code, most specific last: {@code 370203} → {@code [山东, 青岛, 市北]}.
 * Published texts name places in their short form ({@code 山东市场监管局}, {@code 晋中市榆次区…}), so matching
 * uses the name without its administrative suffix.
 */
public final class RegionNames {
  private static final String[] SUFFIXES = {
    "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "自治州", "自治县", "地区", "省", "市", "区", "县", "盟", "旗"
  };

  private final Function<String, Optional<String>> nameOf;

  /**
   * @param nameOf region code → its official name
   */
  public RegionNames(Function<String, Optional<String>> nameOf) {
    this.nameOf = nameOf;
  }

  /** Names from the project's GB/T 2260 table. */
  public static RegionNames fromCodeTables() {
    CodeTables codes = CodeTables.get();
    return new RegionNames(code -> codes.region(code).map(Region::name));
  }

  /**
   * Province, city and county short names, always three entries in that order; a level that does
   * not exist or has no usable name ({@code 市辖区}) is the empty string.
   */
  public List<String> shortNames(String regionCode) {
    List<String> out = new ArrayList<>(3);
    if (regionCode == null || regionCode.length() != 6) {
      return List.of("", "", "");
    }
    String province = regionCode.substring(0, 2) + "0000";
    String city = regionCode.substring(0, 4) + "00";
    out.add(shortOf(province));
    out.add(city.equals(province) ? "" : shortOf(city));
    out.add(regionCode.equals(city) ? "" : shortOf(regionCode));
    return out;
  }

  private String shortOf(String code) {
    return nameOf.apply(code).map(RegionNames::shortName).orElse("");
  }

  /** {@code 山东省} → {@code 山东}; placeholders such as {@code 市辖区} give an empty string. */
  public static String shortName(String name) {
    if (name == null || name.startsWith("市辖") || name.startsWith("省直辖") || name.equals("县")) {
      return "";
    }
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix) && name.length() - suffix.length() >= 2) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }
}

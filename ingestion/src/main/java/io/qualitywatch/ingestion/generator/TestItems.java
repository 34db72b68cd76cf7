package io.qualitywatch.ingestion.generator;

import io.qualitywatch.ingestion.codes.ProductCategory;
import io.qualitywatch.ingestion.contract.HazardClass;
import io.qualitywatch.ingestion.contract.SamplingResult.TestedItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Test items per product family, with the hazard class a failure of that item carries. The names
 * are the ones published sampling notices use, so that failed-item text looks like the real thing.
 */
final class TestItems {
  enum Family {
    FOOD,
    ELECTRICAL,
    CHILDREN,
    TEXTILE,
    BUILDING,
    CHEMICAL,
    GENERIC
  }

  /**
   * @param limit the standard's limit; NaN for pass/fail items judged against the standard's text
   * @param upper whether the limit is a maximum (contaminants) rather than a minimum (strength)
   */
  record Item(String name, HazardClass hazard, String unit, double limit, boolean upper) {}

  private static final HazardClass SC = HazardClass.SAFETY_CRITICAL;
  private static final HazardClass MJ = HazardClass.MAJOR;
  private static final HazardClass MN = HazardClass.MINOR;
  private static final double Q = Double.NaN;

  private static final Item[][] ITEMS = {
    { // FOOD
      new Item("菌落总数", MJ, "CFU/g", 100000, true),
      new Item("大肠菌群", MJ, "CFU/g", 10, true),
      new Item("沙门氏菌", SC, null, Q, true),
      new Item("金黄色葡萄球菌", SC, "CFU/g", 100, true),
      new Item("铅(以Pb计)", SC, "mg/kg", 0.2, true),
      new Item("镉(以Cd计)", SC, "mg/kg", 0.1, true),
      new Item("黄曲霉毒素B1", SC, "μg/kg", 5, true),
      new Item("毒死蜱", SC, "mg/kg", 0.02, true),
      new Item("恩诺沙星", SC, "μg/kg", 100, true),
      new Item("苯甲酸及其钠盐(以苯甲酸计)", MJ, "g/kg", 0.5, true),
      new Item("山梨酸及其钾盐(以山梨酸计)", MJ, "g/kg", 0.5, true),
      new Item("二氧化硫残留量", MJ, "g/kg", 0.1, true),
      new Item("甜蜜素(以环己基氨基磺酸计)", MJ, "g/kg", 0.65, true),
      new Item("酸价(以KOH计)", MJ, "mg/g", 3, true),
      new Item("过氧化值(以脂肪计)", MJ, "g/100g", 0.25, true),
      new Item("蛋白质", MJ, "g/100g", 2.9, false),
      new Item("标签", MN, null, Q, true),
      new Item("净含量", MN, null, Q, true)
    },
    { // ELECTRICAL
      new Item("对触及带电部件的防护", SC, null, Q, true),
      new Item("接地措施", SC, null, Q, true),
      new Item("发热", SC, "K", 75, true),
      new Item("耐热和耐燃", SC, null, Q, true),
      new Item("电源连接和外部软线", SC, null, Q, true),
      new Item("输入功率和电流", MJ, "%", 10, true),
      new Item("骚扰电压", MJ, "dBμV", 56, true),
      new Item("谐波电流", MJ, null, Q, true),
      new Item("能效等级", MJ, null, Q, true),
      new Item("结构", MJ, null, Q, true),
      new Item("标志和说明", MN, null, Q, true)
    },
    { // CHILDREN
      new Item("小零件", SC, null, Q, true),
      new Item("锐利边缘", SC, null, Q, true),
      new Item("邻苯二甲酸酯增塑剂", SC, "%", 0.1, true),
      new Item("可迁移元素(铅)", SC, "mg/kg", 90, true),
      new Item("甲醛含量", SC, "mg/kg", 20, true),
      new Item("绳带", SC, null, Q, true),
      new Item("燃烧性能", MJ, null, Q, true),
      new Item("警示标识", MN, null, Q, true)
    },
    { // TEXTILE
      new Item("甲醛含量", SC, "mg/kg", 75, true),
      new Item("可分解致癌芳香胺染料", SC, "mg/kg", 20, true),
      new Item("纤维含量", MJ, null, Q, true),
      new Item("pH值", MJ, null, 7.5, true),
      new Item("耐水色牢度", MJ, "级", 3, false),
      new Item("耐摩擦色牢度", MJ, "级", 3, false),
      new Item("使用说明", MN, null, Q, true)
    },
    { // BUILDING
      new Item("抗压强度", SC, "MPa", 42.5, false),
      new Item("甲醛释放量", SC, "mg/m³", 0.124, true),
      new Item("放射性(内照射指数)", SC, null, 1.0, true),
      new Item("吸水率", MJ, "%", 0.5, true),
      new Item("断裂模数", MJ, "MPa", 35, false),
      new Item("尺寸偏差", MN, null, Q, true),
      new Item("标志", MN, null, Q, true)
    },
    { // CHEMICAL
      new Item("挥发性有机化合物(VOC)含量", SC, "g/L", 420, true),
      new Item("游离甲醛", SC, "%", 0.1, true),
      new Item("重金属(铅)", SC, "mg/kg", 90, true),
      new Item("有效成分含量", MJ, "%", 95, false),
      new Item("不挥发物含量", MJ, "%", 45, false),
      new Item("标签", MN, null, Q, true)
    },
    { // GENERIC
      new Item("安全性能", SC, null, Q, true),
      new Item("有害物质限量", SC, "mg/kg", 1000, true),
      new Item("机械强度", MJ, null, Q, true),
      new Item("耐腐蚀性", MJ, null, Q, true),
      new Item("耐久性", MJ, null, Q, true),
      new Item("尺寸偏差", MN, null, Q, true),
      new Item("标志、说明", MN, null, Q, true)
    }
  };

  private TestItems() {}

  static Family family(ProductCategory c) {
    String g = (c.group() == null ? "" : c.group()).toLowerCase(Locale.ROOT);
    String code = c.code() == null ? "" : c.code().toUpperCase(Locale.ROOT);
    if (code.equals("FOOD-RELATED") || code.contains("COATING")) {
      // Food-contact materials are industrial products: supervision sampling, migration tests.
      return Family.CHEMICAL;
    }
    if (g.contains("food") || code.startsWith("FOOD")) {
      return Family.FOOD;
    }
    if (g.contains("elec") || g.contains("appliance")) {
      return Family.ELECTRICAL;
    }
    if (g.contains("child") || g.contains("toy")) {
      return Family.CHILDREN;
    }
    if (g.contains("textile")
        || g.contains("cloth")
        || g.contains("apparel")
        || g.contains("shoe")) {
      return Family.TEXTILE;
    }
    if (g.contains("build") || g.contains("construct")) {
      return Family.BUILDING;
    }
    if (g.contains("chem") || g.contains("cosmetic") || g.contains("daily")) {
      return Family.CHEMICAL;
    }
    return byIndustry(c.industryCode());
  }

  static Family byIndustry(String industry) {
    if (industry == null) {
      return Family.GENERIC;
    }
    return switch (industry) {
      case "C13", "C14", "C15" -> Family.FOOD;
      case "C38", "C39" -> Family.ELECTRICAL;
      case "C24" -> Family.CHILDREN;
      case "C17", "C18", "C19" -> Family.TEXTILE;
      case "C30" -> Family.BUILDING;
      case "C26" -> Family.CHEMICAL;
      default -> Family.GENERIC;
    };
  }

  static Item[] items(Family f) {
    return ITEMS[f.ordinal()];
  }

  /** A safety-critical item of the family: what a systemic failure wave is about. */
  static Item safetyCritical(Family f, SplittableRandom r) {
    List<Item> sc = new ArrayList<>();
    for (Item i : items(f)) {
      if (i.hazard() == SC && !Double.isNaN(i.limit())) {
        sc.add(i);
      }
    }
    return sc.isEmpty() ? items(f)[0] : sc.get(r.nextInt(sc.size()));
  }

  /**
   * The items of one batch. {@code failures} failed items are drawn with hazard shares {@code
   * hazardWeights} (safety-critical, major, minor); {@code forced}, if set, is one of them.
   */
  static List<TestedItem> batch(
      Family f, SplittableRandom r, int failures, double[] hazardWeights, Item forced) {
    Item[] all = items(f);
    int n = Math.min(all.length, Rand.between(r, 4, 8));
    boolean[] chosen = new boolean[all.length];
    boolean[] failed = new boolean[all.length];
    int fails = 0;
    if (forced != null) {
      for (int i = 0; i < all.length; i++) {
        if (all[i].name().equals(forced.name())) {
          chosen[i] = failed[i] = true;
          fails++;
        }
      }
    }
    int guard = 0;
    while (fails < failures && guard++ < 50) {
      HazardClass h = HazardClass.values()[Rand.weighted(r, hazardWeights)];
      int i = r.nextInt(all.length);
      if (all[i].hazard() == h && !failed[i]) {
        chosen[i] = failed[i] = true;
        fails++;
      }
    }
    int count = 0;
    for (boolean c : chosen) {
      count += c ? 1 : 0;
    }
    while (count < n) {
      int i = r.nextInt(all.length);
      if (!chosen[i]) {
        chosen[i] = true;
        count++;
      }
    }
    List<TestedItem> out = new ArrayList<>(count);
    for (int i = 0; i < all.length; i++) {
      if (!chosen[i]) {
        continue;
      }
      Item it = all[i];
      if (!failed[i]) {
        out.add(new TestedItem(it.name(), true, null, null, null));
      } else {
        out.add(new TestedItem(it.name(), false, it.hazard(), measured(it, r), limit(it)));
      }
    }
    return out;
  }

  private static String measured(Item it, SplittableRandom r) {
    if (Double.isNaN(it.limit())) {
      return it.name().equals("沙门氏菌") ? "检出" : "不符合";
    }
    double v =
        it.upper()
            ? it.limit() * (1.15 + r.nextDouble() * 4)
            : it.limit() * (0.3 + 0.6 * r.nextDouble());
    return number(v, it.limit()) + (it.unit() == null ? "" : it.unit());
  }

  private static String limit(Item it) {
    if (Double.isNaN(it.limit())) {
      return it.name().equals("沙门氏菌") ? "不得检出" : "符合标准要求";
    }
    String u = it.unit() == null ? "" : it.unit();
    return (it.upper() ? "≤" : "≥") + number(it.limit(), it.limit()) + u;
  }

  private static String number(double v, double scale) {
    int digits = scale >= 100 ? 0 : scale >= 1 ? 1 : scale >= 0.1 ? 2 : 3;
    return BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_UP).toPlainString();
  }
}

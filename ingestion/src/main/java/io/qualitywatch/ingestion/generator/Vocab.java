package io.qualitywatch.ingestion.generator;

import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.generator.TestItems.Family;
import java.util.Map;
import java.util.SplittableRandom;

/** Words the generator builds names and texts from. */
final class Vocab {
  private Vocab() {}

  /**
   * Industry mix of the generated population, weighted toward the divisions product-quality
   * supervision is about: food, textiles, chemicals, building materials, electrical and
   * electronics, hardware, plus the wholesale/retail and catering businesses that sell to
   * consumers. The words are the industry part of a company name (行业表述).
   */
  record IndustryMix(String code, double weight, String[] words) {}

  static final IndustryMix[] INDUSTRIES = {
    new IndustryMix("C13", 5.0, new String[] {"粮油", "农副食品", "米业", "食品"}),
    new IndustryMix("C14", 6.0, new String[] {"食品", "乳业", "调味品", "食品科技"}),
    new IndustryMix("C15", 3.0, new String[] {"酒业", "饮品", "茶业", "饮料"}),
    new IndustryMix("C17", 4.0, new String[] {"纺织", "织造", "家纺"}),
    new IndustryMix("C18", 5.0, new String[] {"服饰", "服装", "制衣"}),
    new IndustryMix("C21", 2.0, new String[] {"家具", "家居"}),
    new IndustryMix("C24", 2.5, new String[] {"玩具", "文体用品", "工艺品"}),
    new IndustryMix("C26", 4.0, new String[] {"化工", "日化", "涂料"}),
    new IndustryMix("C27", 2.0, new String[] {"药业", "医药", "生物科技"}),
    new IndustryMix("C29", 5.0, new String[] {"塑胶", "塑料制品", "橡胶制品"}),
    new IndustryMix("C30", 5.0, new String[] {"建材", "陶瓷", "新型建材", "玻璃"}),
    new IndustryMix("C33", 6.0, new String[] {"五金", "金属制品", "五金制品"}),
    new IndustryMix("C34", 4.0, new String[] {"机械", "机电", "通用设备"}),
    new IndustryMix("C36", 1.5, new String[] {"汽车配件", "车业"}),
    new IndustryMix("C38", 6.0, new String[] {"电器", "电气", "电线电缆", "照明电器"}),
    new IndustryMix("C39", 5.0, new String[] {"电子", "电子科技", "通信技术"}),
    new IndustryMix("C41", 1.5, new String[] {"日用品", "工艺制品"}),
    new IndustryMix("F51", 12.0, new String[] {"贸易", "商贸", "供应链管理", "进出口"}),
    new IndustryMix("F52", 14.0, new String[] {"超市", "商贸", "百货", "连锁商业"}),
    new IndustryMix("H62", 10.0, new String[] {"餐饮", "餐饮管理", "酒店管理", "美食"})
  };

  /** Share of enterprises spread over all other real divisions (agriculture, services...). */
  static final double TAIL_SHARE = 0.08;

  static final String[] TAIL_WORDS = {"实业", "科技", "发展", "企业管理", "技术服务"};

  /** Characters of trade names (字号): auspicious and common, as in real registers. */
  static final String[] TRADE_CHARS = {
    "华", "宏", "鑫", "盛", "达", "恒", "源", "泰", "新", "金", "嘉", "瑞", "丰", "利", "永", "昌", "康", "隆",
    "安", "佳", "美", "德", "信", "诚", "兴", "顺", "福", "祥", "东", "海", "天", "宇", "博", "正", "远", "卓",
    "优", "邦", "辉", "凯", "鸿", "腾", "飞", "润", "和", "晟", "锦", "益", "裕", "志", "创", "联", "合", "科",
    "诺", "立", "建", "振", "伟", "通", "明", "光", "荣", "俊", "森", "旺", "富", "万", "乐", "欣", "晨", "阳",
    "峰", "启", "航", "翔", "星", "弘", "亿", "百", "中", "汇", "聚", "力", "威", "精", "品", "赛", "雅", "尚"
  };

  static final String[] HOUSEHOLD_RETAIL = {"便利店", "超市", "商行", "食杂店", "日用品店"};
  static final String[] HOUSEHOLD_CATERING = {"餐馆", "小吃店", "面馆", "饭店", "快餐店"};

  /** Approximate geographic centres of the provinces (lat, lon) by GB/T 2260 province prefix. */
  static final Map<String, double[]> PROVINCE_CENTRES =
      Map.ofEntries(
          Map.entry("11", new double[] {40.0, 116.4}),
          Map.entry("12", new double[] {39.2, 117.3}),
          Map.entry("13", new double[] {38.5, 115.5}),
          Map.entry("14", new double[] {37.6, 112.3}),
          Map.entry("15", new double[] {42.0, 113.0}),
          Map.entry("21", new double[] {41.3, 122.6}),
          Map.entry("22", new double[] {43.7, 126.2}),
          Map.entry("23", new double[] {46.8, 127.8}),
          Map.entry("31", new double[] {31.2, 121.4}),
          Map.entry("32", new double[] {32.9, 119.5}),
          Map.entry("33", new double[] {29.2, 120.1}),
          Map.entry("34", new double[] {31.8, 117.2}),
          Map.entry("35", new double[] {26.1, 118.2}),
          Map.entry("36", new double[] {27.6, 115.7}),
          Map.entry("37", new double[] {36.3, 118.2}),
          Map.entry("41", new double[] {33.9, 113.5}),
          Map.entry("42", new double[] {30.9, 112.3}),
          Map.entry("43", new double[] {27.6, 111.7}),
          Map.entry("44", new double[] {23.4, 113.4}),
          Map.entry("45", new double[] {23.8, 108.8}),
          Map.entry("46", new double[] {19.2, 109.7}),
          Map.entry("50", new double[] {29.8, 107.4}),
          Map.entry("51", new double[] {30.6, 103.9}),
          Map.entry("52", new double[] {26.8, 106.8}),
          Map.entry("53", new double[] {24.9, 101.5}),
          Map.entry("54", new double[] {30.2, 88.0}),
          Map.entry("61", new double[] {35.2, 108.9}),
          Map.entry("62", new double[] {36.0, 103.8}),
          Map.entry("63", new double[] {35.7, 96.0}),
          Map.entry("64", new double[] {37.3, 106.2}),
          Map.entry("65", new double[] {42.5, 85.5}));

  static String tradeName(SplittableRandom r, int chars) {
    StringBuilder sb = new StringBuilder(chars);
    for (int i = 0; i < chars; i++) {
      sb.append(Rand.pick(r, TRADE_CHARS));
    }
    return sb.toString();
  }

  /** 杭州市 → 杭州, 延边朝鲜族自治州 → 延边, 广西壮族自治区 → 广西: the prefix used in names. */
  static String shortName(String name) {
    if (name == null || name.isEmpty()) {
      return "";
    }
    if (name.contains("自治") || name.contains("特别行政区")) {
      return name.length() >= 2 ? name.substring(0, name.startsWith("内蒙古") ? 3 : 2) : name;
    }
    for (String suffix : new String[] {"省", "市", "地区", "盟", "林区"}) {
      if (name.endsWith(suffix) && name.length() > suffix.length() + 1) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  // ---- complaint texts ---------------------------------------------------------------------

  private static final String[][] ISSUES = {
    {"有异味", "已过保质期", "内有异物", "食用后出现腹泻", "包装胀袋", "标签与实物不符", "发霉变质"},
    {"通电后冒烟", "频繁跳闸", "外壳漏电", "充电时严重发烫", "使用几天就无法开机", "插头松动打火"},
    {"小零件容易脱落", "有刺鼻气味", "边缘锋利划伤孩子", "掉色严重"},
    {"洗后严重褪色", "起球严重", "有刺鼻气味", "成分与吊牌标注不符", "开线脱胶"},
    {"安装后出现开裂", "甲醛味很重", "尺寸与合同不符", "表面大面积脱落"},
    {"使用后皮肤过敏", "气味刺鼻", "效果与宣传严重不符", "包装无中文标签"},
    {"存在质量问题", "使用中损坏", "与宣传不符", "缺少合格证"}
  };

  private static final String[] COMPLAINT_TEMPLATES = {
    "在该商家购买的%s%s，商家拒绝退换，要求退款并赔偿。",
    "%s使用不到一个月就%s，多次联系商家未解决。",
    "网购%s，收到后发现%s，要求商家处理。",
    "购买的%s%s，要求按规定退一赔三。"
  };

  private static final String[] CATERING_ISSUES = {
    "在该店就餐后出现腹泻呕吐", "菜品中发现异物", "餐具不洁，有油污", "实际收费与菜单标价不符", "外卖送达后发现饭菜变质"
  };

  private static final String[] REPORT_VIOLATIONS = {
    "销售过期%s", "生产销售不合格%s", "对%s进行虚假宣传", "无证生产经营%s", "%s以次充好", "冒用他人厂名厂址生产%s"
  };

  private static final String[] CONSULTATIONS = {
    "咨询%s的退换货规定。", "咨询%s质量问题如何申请鉴定。", "咨询%s的三包政策。", "咨询购买%s后商家不开发票如何处理。"
  };

  static String complaintText(SplittableRandom r, Family family, String product, boolean catering) {
    if (catering) {
      return Rand.pick(r, CATERING_ISSUES) + "，要求商家道歉并赔偿。";
    }
    String issue = Rand.pick(r, ISSUES[family.ordinal()]);
    // "Used for less than a month" is about durable goods, not food.
    int t =
        family == Family.FOOD
            ? new int[] {0, 2, 3}[r.nextInt(3)]
            : r.nextInt(COMPLAINT_TEMPLATES.length);
    return String.format(COMPLAINT_TEMPLATES[t], product, issue);
  }

  private static final String[] SERVICE_COMPLAINTS = {
    "办理预付卡后商家停业，余额无法退还。", "合同约定的服务未履行，商家拒绝退款。", "收费不透明，存在乱收费现象。", "商家虚假宣传诱导消费，要求退款。"
  };
  private static final String[] SERVICE_REPORTS = {
    "举报该企业无照经营。", "举报该企业发布虚假广告。", "举报该企业利用格式条款侵害消费者权益。"
  };
  private static final String[] SERVICE_CONSULTATIONS = {
    "咨询预付式消费退款的相关规定。", "咨询服务合同纠纷如何申请调解。", "咨询该企业的登记信息。"
  };

  static String serviceText(SplittableRandom r, Complaint.ComplaintKind kind) {
    return switch (kind) {
      case COMPLAINT -> Rand.pick(r, SERVICE_COMPLAINTS);
      case REPORT -> Rand.pick(r, SERVICE_REPORTS);
      case CONSULTATION -> Rand.pick(r, SERVICE_CONSULTATIONS);
    };
  }

  static String reportText(SplittableRandom r, String product) {
    return "举报该企业" + String.format(Rand.pick(r, REPORT_VIOLATIONS), product) + "。";
  }

  static String consultationText(SplittableRandom r, String product) {
    return String.format(Rand.pick(r, CONSULTATIONS), product);
  }

  // ---- enforcement --------------------------------------------------------------------------

  static final String[] VIOLATIONS_MANUFACTURER = {
    "生产不符合标准的产品", "未按规定标注产品标识", "无证生产", "虚假宣传", "使用不合格原材料"
  };
  static final String[] VIOLATIONS_SELLER = {
    "销售不符合食品安全标准的食品", "未按规定明码标价", "销售过期食品", "虚假宣传", "未履行进货查验义务"
  };
  static final String[] VIOLATIONS_CATERING = {
    "未按规定公示食品经营许可证", "餐饮具未按规定清洗消毒", "使用超过保质期的食品原料", "从业人员未取得健康证明"
  };
  static final String[] VIOLATIONS_OTHER = {"未按规定报送年度报告", "虚假宣传", "不正当竞争行为", "违反广告法规定"};

  static final String[] CERT_SUSPEND_REASONS = {"未按期接受监督审核", "监督审核发现严重不符合", "产品监督抽查不合格", "持证人申请暂停"};
  static final String[] CERT_REVOKE_REASONS = {"暂停期满未完成整改", "发生重大质量安全事故", "拒绝接受监督审核"};
  static final String[] CERT_ABUSE_REASONS = {"冒用认证证书", "伪造认证证书编号", "超范围使用认证标志"};

  static final String[] WTO_MEMBERS = {
    "EU", "USA", "JPN", "KOR", "SAU", "IND", "BRA", "VNM", "THA", "GBR", "CAN", "AUS", "ARE", "MEX"
  };
  static final Map<String, String> TRADE_TITLES =
      Map.ofEntries(
          Map.entry("C13", "农药最大残留限量(MRLs)修订草案"),
          Map.entry("C14", "食品添加剂使用及标签要求修订"),
          Map.entry("C15", "酒精饮料及饮品标签与成分要求"),
          Map.entry("C17", "纺织品中全氟和多氟烷基物质(PFAS)限制"),
          Map.entry("C18", "服装产品化学物质限量及标签要求"),
          Map.entry("C21", "家具产品甲醛释放与阻燃要求"),
          Map.entry("C24", "玩具安全中邻苯二甲酸酯及重金属限量修订"),
          Map.entry("C26", "化学品注册、评估、许可和限制要求修订"),
          Map.entry("C27", "药品注册与良好生产规范要求修订"),
          Map.entry("C29", "塑料制品中双酚A及微塑料限制"),
          Map.entry("C30", "建筑产品有害物质释放限量"),
          Map.entry("C33", "金属制品与食品接触材料迁移限量"),
          Map.entry("C34", "机械产品安全及能效要求"),
          Map.entry("C36", "机动车零部件型式认证要求"),
          Map.entry("C38", "家用电器能效与安全技术法规修订"),
          Map.entry("C39", "无线电设备电磁兼容与网络安全要求"),
          Map.entry("C41", "日用消费品标签与化学物质限制"));
}

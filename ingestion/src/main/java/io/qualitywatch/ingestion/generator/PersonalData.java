package io.qualitywatch.ingestion.generator;

import io.qualitywatch.ingestion.contract.Complaint.Complainant;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Fake complainant data with the real structure (mobile prefixes, GB 11643 ID numbers with their
 * check digit), so that masking is tested against what it will meet, not against placeholders.
 */
final class PersonalData {
  private static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于",
    "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆",
    "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛",
    "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武",
    "戴", "莫", "孔", "向", "汤", "欧阳", "司马", "诸葛"
  };

  /** Zipf-like weights: the top surnames cover a large share of the population. */
  private static final double[] SURNAME_WEIGHTS = surnameWeights();

  private static final String[] GIVEN = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平", "刚", "桂", "英", "华", "玉", "兰", "文", "辉", "建", "国", "红", "鹏", "飞", "斌", "宇", "浩", "凯", "婷",
    "雪", "琳", "晨", "欣", "怡", "佳", "子", "涵", "轩", "梓", "萱", "博", "睿", "思", "雨", "俊", "嘉", "晓", "志",
    "海", "东", "春", "林", "慧", "颖", "倩", "丹", "蕾", "婉", "宁", "阳", "峰", "亮", "成", "立", "新", "利", "清"
  };

  private static final String[] MOBILE_PREFIXES = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151",
        "152",
    "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180",
        "181",
    "182", "183", "184", "185", "186", "187", "188", "189", "191", "198", "199"
  };

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] ID_CHECK = "10X98765432".toCharArray();

  private PersonalData() {}

  static String personName(SplittableRandom r) {
    String s = SURNAMES[Rand.weighted(r, SURNAME_WEIGHTS)];
    String g = GIVEN[r.nextInt(GIVEN.length)];
    if (r.nextDouble() < 0.7) {
      g += GIVEN[r.nextInt(GIVEN.length)];
    }
    return s + g;
  }

  static String mobile(SplittableRandom r) {
    StringBuilder sb = new StringBuilder(11).append(Rand.pick(r, MOBILE_PREFIXES));
    for (int i = 0; i < 8; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }

  /** An 18-character resident ID number: birthplace county, birth date, sequence, check char. */
  static String idNumber(SplittableRandom r, String countyCode, LocalDate asOf) {
    LocalDate birth = asOf.minusDays(Rand.between(r, 18 * 365, 78 * 365));
    StringBuilder sb = new StringBuilder(18).append(countyCode);
    sb.append(birth.getYear());
    two(sb, birth.getMonthValue());
    two(sb, birth.getDayOfMonth());
    int seq = r.nextInt(1000);
    if (seq < 100) {
      sb.append('0');
    }
    if (seq < 10) {
      sb.append('0');
    }
    sb.append(seq);
    return sb.append(idCheck(sb)).toString();
  }

  /** GB 11643 check character over the first 17 digits. */
  static char idCheck(CharSequence first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return ID_CHECK[sum % 11];
  }

  static Complainant complainant(SplittableRandom r, String countyCode, LocalDate asOf) {
    String id = r.nextDouble() < 0.8 ? idNumber(r, countyCode, asOf) : null;
    return new Complainant(personName(r), mobile(r), id);
  }

  private static void two(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append('0');
    }
    sb.append(v);
  }

  private static double[] surnameWeights() {
    double[] w = new double[SURNAMES.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = SURNAMES[i].length() > 1 ? 0.05 : 1.0 / StrictMath.pow(i + 3, 0.9);
    }
    return w;
  }
}

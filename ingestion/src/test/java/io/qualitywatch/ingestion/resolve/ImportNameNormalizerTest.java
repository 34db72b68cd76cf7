package io.qualitywatch.ingestion.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImportNameNormalizerTest {

  @Test
  void spacesAnywhereDoNotMatter() {
    // Real variants from the sampling export: trailing space, internal space, ideographic space.
    String key = NameNormalizer.normalize("韶山市好又多商贸有限公司");
    assertEquals(key, NameNormalizer.normalize("韶山市好又多商贸 有限公司"));
    assertEquals(key, NameNormalizer.normalize("韶山市好又多商贸有限公司 "));
    assertEquals(key, NameNormalizer.normalize("\u3000韶山市好又多商贸\t有限公司\u00A0"));
  }

  @Test
  void fullWidthFormsAndBracketKindsFold() {
    assertEquals(NameNormalizer.normalize("乐斯福(明光)有限公司"), NameNormalizer.normalize("乐斯福（明光）有限公司 "));
    assertEquals(NameNormalizer.normalize("乐斯福(明光)有限公司"), NameNormalizer.normalize("乐斯福【明光】有限公司"));
    assertEquals(NameNormalizer.normalize("ABC食品有限公司"), NameNormalizer.normalize("ＡＢＣ食品有限公司"));
    assertEquals(NameNormalizer.normalize("ABC食品有限公司"), NameNormalizer.normalize("abc食品有限公司"));
  }

  @Test
  void strayPunctuationIsDroppedButBracketsStay() {
    assertEquals(
        NameNormalizer.normalize("山西水塔醋业股份有限公司"),
        NameNormalizer.normalize("山西水塔醋业股份有限公司         . "));
    assertEquals(NameNormalizer.normalize("某某食品有限公司"), NameNormalizer.normalize("“某某”食品有限公司。"));
    assertEquals(NameNormalizer.normalize("某某食品有限公司"), NameNormalizer.normalize("某某食品有限公司（）"));
    // A branch in brackets is part of the identity: it must not merge with the head office.
    assertNotEquals(
        NameNormalizer.normalize("嘉里粮油(青岛)有限公司"), NameNormalizer.normalize("嘉里粮油青岛有限公司"));
  }

  @Test
  void companyFormVariantsShareOnlyTheCanonicalKey() {
    String a = NameNormalizer.normalize("新疆天山面粉（集团）有限责任公司");
    String b = NameNormalizer.normalize("新疆天山面粉(集团)有限公司");
    String c = NameNormalizer.normalize("新疆天山面粉(集团)股份有限公司");
    assertNotEquals(a, b);
    assertEquals(NameNormalizer.canonicalForm(a), b);
    assertEquals(NameNormalizer.canonicalForm(c), b);
    assertEquals(NameNormalizer.canonicalForm(b), b);
  }

  @Test
  void placeholders() {
    for (String p : new String[] {"/", "/ ", " 无 ", "待查", "不详", "", "  ", null, "／"}) {
      assertTrue(NameNormalizer.isPlaceholder(p), "placeholder: [" + p + "]");
    }
    // Real names that merely start like a placeholder.
    assertFalse(NameNormalizer.isPlaceholder("无锡市某某食品有限公司"));
    assertFalse(NameNormalizer.isPlaceholder("不详食品厂"));
  }

  @Test
  void maskedNames() {
    assertTrue(NameNormalizer.isMasked("宁夏长*实业有限公司"));
    assertTrue(NameNormalizer.isMasked("五**集团周口面粉有限公司"));
    assertTrue(NameNormalizer.isMasked("广州市创＊食品有限公司"));
    assertFalse(NameNormalizer.isMasked("宁夏长城实业有限公司"));
  }
}

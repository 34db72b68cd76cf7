package io.qualitywatch.ingestion.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.ingestion.codes.CreditCode;
import io.qualitywatch.ingestion.reference.Enterprise;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportRegistryTest {
  private static int serial;

  private static Enterprise e(String name, String region) {
    String org = String.format("MA%07d", ++serial);
    return new Enterprise(
        CreditCode.complete("91" + region + org), name, region, "C14", null, null, null, null);
  }

  private final Enterprise yichang = e("安琪酵母股份有限公司", "420500");
  private final Enterprise jining = e("菱花集团有限公司", "370800");
  private final Enterprise nanjing = e("菱花集团有限公司", "320100");
  private final Enterprise qingdaoShop = e("青岛好又多商贸有限公司", "370203");
  private final Enterprise jinanShop = e("青岛好又多商贸有限公司", "370102");
  private final Enterprise formA = e("天山面粉有限公司", "650100");
  private final Enterprise formB = e("天山面粉股份有限公司", "650100");
  private final Enterprise single = e("嘉里粮油（青岛） 有限公司 ", "370200");

  private final EnterpriseRegistry registry =
      EnterpriseRegistry.of(
          List.of(yichang, jining, nanjing, qingdaoShop, jinanShop, formA, formB, single));

  @Test
  void exactNameAfterNormalisation() {
    Resolution r = registry.resolve("安琪酵母股份有限公司 ", null);
    assertTrue(r.isResolved());
    assertEquals(yichang.creditCode(), r.enterprise().creditCode());
    // Registry side written with full-width brackets and spaces, query half-width.
    assertEquals(
        single.creditCode(), registry.resolve("嘉里粮油(青岛)有限公司", null).enterprise().creditCode());
  }

  @Test
  void companyFormIsUnifiedWhenUnambiguous() {
    Resolution r = registry.resolve("安琪酵母有限责任公司", null);
    assertTrue(r.isResolved(), r.toString());
    assertEquals(yichang.creditCode(), r.enterprise().creditCode());
  }

  @Test
  void companyFormIsNotUnifiedWhenTwoEnterprisesWouldMerge() {
    // 有限公司 and 股份有限公司 both registered: an exact name still picks its own …
    assertEquals(
        formB.creditCode(), registry.resolve("天山面粉股份有限公司", null).enterprise().creditCode());
    assertEquals(formA.creditCode(), registry.resolve("天山面粉有限公司", null).enterprise().creditCode());
    // … but a third variant could be either.
    Resolution r = registry.resolve("天山面粉有限责任公司", null);
    assertEquals(UnresolvedReason.AMBIGUOUS, r.reason());
    assertEquals(
        List.of(formA.creditCode(), formB.creditCode()), r.candidates().stream().sorted().toList());
  }

  @Test
  void regionHintDecidesBetweenSameNames() {
    assertEquals(
        jining.creditCode(), registry.resolve("菱花集团有限公司", "山东市场监管局").enterprise().creditCode());
    assertEquals(
        nanjing.creditCode(), registry.resolve("菱花集团有限公司", "江苏省市场监督管理局").enterprise().creditCode());
    Resolution national = registry.resolve("菱花集团有限公司", "原国家食药总局");
    assertFalse(national.isResolved());
    assertEquals(UnresolvedReason.AMBIGUOUS, national.reason());
    assertEquals(2, national.candidates().size());
    assertEquals(UnresolvedReason.AMBIGUOUS, registry.resolve("菱花集团有限公司", null).reason());
  }

  @Test
  void cityInsideTheNameDecidesWhenTheProvinceDoesNot() {
    // Same registered name in Qingdao and Jinan, both in Shandong: the province ties, the city
    // named inside the enterprise name (青岛) decides.
    Resolution r = registry.resolve("青岛好又多商贸有限公司", "山东市场监管局");
    assertTrue(r.isResolved(), r.toString());
    assertEquals(qingdaoShop.creditCode(), r.enterprise().creditCode());
  }

  @Test
  void unresolvedReasons() {
    assertEquals(UnresolvedReason.MASKED_NAME, registry.resolve("安琪*母股份有限公司", null).reason());
    assertEquals(UnresolvedReason.NOT_IN_REGISTRY, registry.resolve("未知食品厂", null).reason());
    assertEquals(UnresolvedReason.NO_PARTY, registry.resolve("/ ", null).reason());
    assertEquals(UnresolvedReason.NO_PARTY, registry.resolve("待查", null).reason());
    assertEquals(
        UnresolvedReason.NOT_IN_REGISTRY,
        EnterpriseRegistry.empty().resolve("安琪酵母股份有限公司", null).reason());
  }

  @Test
  void loadsJsonLinesAndRefusesBadCodes(@TempDir Path dir) throws Exception {
    Path ok = dir.resolve("ok.jsonl");
    Files.writeString(
        ok,
        "{\"credit_code\":\""
            + yichang.creditCode()
            + "\",\"name\":\"安琪酵母股份有限公司\",\"region_code\":\"420500\"}\n\n",
        StandardCharsets.UTF_8);
    EnterpriseRegistry r = EnterpriseRegistry.load(ok);
    assertEquals(1, r.size());
    assertTrue(r.resolve("安琪酵母股份有限公司", null).isResolved());

    Path bad = dir.resolve("bad.jsonl");
    String wrongCheck = yichang.creditCode().substring(0, 17) + "0";
    Files.writeString(
        bad,
        "{\"credit_code\":\"" + wrongCheck + "\",\"name\":\"x\",\"region_code\":\"420500\"}\n",
        StandardCharsets.UTF_8);
    EnterpriseRegistry.RegistryException ex =
        assertThrows(
            EnterpriseRegistry.RegistryException.class, () -> EnterpriseRegistry.load(bad));
    assertTrue(ex.getMessage().contains("line 1"), ex.getMessage());
  }
}

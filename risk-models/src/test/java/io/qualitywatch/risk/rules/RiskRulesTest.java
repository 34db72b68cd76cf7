package io.qualitywatch.risk.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.risk.warning.WarningLevel;
import io.qualitywatch.risk.warning.WarningType;
import org.junit.jupiter.api.Test;

class RiskRulesTest {
  private static final String DEFAULTS = RiskRules.defaults().toJson();

  @Test
  void defaultsRoundTripThroughJson() throws Exception {
    RiskRules parsed = RiskRules.parse(DEFAULTS);
    assertEquals(RiskRules.defaults(), parsed);
    assertEquals(30.0, parsed.scoring().rule(EvidenceKind.SAMPLING_FAIL_SAFETY).weight());
    assertEquals(
        WarningLevel.RED, parsed.warning(WarningType.RISK_SCORE).thresholds().levelFor(95));
    assertEquals(null, parsed.warning(WarningType.RISK_SCORE).thresholds().levelFor(10));
  }

  @Test
  void thresholdsOutOfOrderAreRejectedNamingTheField() {
    String bad = DEFAULTS.replaceFirst("\"red\":90\\.0", "\"red\":50.0");
    InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RiskRules.parse(bad));
    assertTrue(e.getMessage().contains("thresholds"), e.getMessage());
    assertTrue(e.getMessage().contains("RISK_SCORE"), e.getMessage());
  }

  @Test
  void missingVersionUnknownFieldsAndMissingTypesAreRejected() {
    assertThrows(
        InvalidRulesException.class,
        () -> RiskRules.parse(DEFAULTS.replaceFirst("\"version\":\"default-1\",", "")));
    InvalidRulesException unknown =
        assertThrows(
            InvalidRulesException.class,
            () -> RiskRules.parse(DEFAULTS.replaceFirst("\\{", "{\"colour\":\"red\",")));
    assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
    InvalidRulesException missingType =
        assertThrows(
            InvalidRulesException.class,
            () -> RiskRules.parse(DEFAULTS.replace("\"FAILURE_WAVE\"", "\"NO_SUCH_TYPE\"")));
    assertTrue(missingType.getMessage().contains("NO_SUCH_TYPE"), missingType.getMessage());
    assertThrows(InvalidRulesException.class, () -> RiskRules.parse("{not json"));
    assertThrows(InvalidRulesException.class, () -> RiskRules.parse("null"));
  }

  @Test
  void negativeHalfLifeIsRejected() {
    String bad = DEFAULTS.replaceFirst("\"half_life_days\":365\\.0", "\"half_life_days\":-1.0");
    InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RiskRules.parse(bad));
    assertTrue(e.getMessage().contains("half_life_days"), e.getMessage());
  }
}

package io.qualitywatch.ingestion.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

  /** Codes printed on real business licences (published, so their check characters are real). */
  @ParameterizedTest
  @ValueSource(strings = {"91350100M000100Y43", "91440300708461136T", "91330100799655058B"})
  void publishedCodesAreValid(String code) {
    assertEquals(Optional.empty(), CreditCode.problem(code));
    assertTrue(CreditCode.isValid(code));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "91320583MA1N2B3C4",
        "12320500466012345",
        "52110000500000000",
        "Y1000000000000000"
      })
  void completedCodesAreValidAndCarryTheirRegion(String first17) {
    String code = CreditCode.complete(first17);
    assertEquals(18, code.length());
    assertTrue(CreditCode.isValid(code), code);
    assertEquals(first17.substring(2, 8), CreditCode.regionOf(code));
  }

  @Test
  void checkCharacterFollowsTheWeightedSumFormula() {
    // Σ value·weight over "91350100M000100Y4" is 1640; (31 - 1640 mod 31) mod 31 = 3.
    assertEquals('3', CreditCode.checkChar("91350100M000100Y4"));
    // All zeros: the sum is 0, so the check value is (31 - 0) mod 31 = 0.
    assertEquals('0', CreditCode.checkChar("00000000000000000"));
  }

  @Test
  void everyOtherCheckCharacterIsRejected() {
    String first17 = "91350100M000100Y4";
    int valid = 0;
    for (char c : CreditCode.ALPHABET.toCharArray()) {
      String code = first17 + c;
      if (CreditCode.isValid(code)) {
        valid++;
        assertEquals('3', c);
      } else {
        assertTrue(CreditCode.problem(code).orElseThrow().contains("check character"), code);
      }
    }
    assertEquals(1, valid);
  }

  @Test
  void aSingleChangedCharacterIsDetected() {
    String code = "91350100M000100Y43";
    for (int i = 0; i < 17; i++) {
      char original = code.charAt(i);
      char other = CreditCode.ALPHABET.charAt((CreditCode.ALPHABET.indexOf(original) + 1) % 31);
      String changed = code.substring(0, i) + other + code.substring(i + 1);
      assertFalse(CreditCode.isValid(changed), "change at position " + (i + 1));
    }
  }

  @ParameterizedTest
  @ValueSource(chars = {'I', 'O', 'Z', 'S', 'V'})
  void forbiddenLettersAreRejectedWithTheirPosition(char letter) {
    String code = "91350100M000100" + letter + "43";
    String problem = CreditCode.problem(code).orElseThrow();
    assertTrue(problem.contains("'" + letter + "'") && problem.contains("position 16"), problem);
  }

  @Test
  void lowercaseIsRejected() {
    assertTrue(
        CreditCode.problem("91350100m000100y43").orElseThrow().contains("invalid character"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"91350100M000100Y4", "91350100M000100Y433", "9135010"})
  void wrongLengthIsRejected(String code) {
    assertTrue(CreditCode.problem(code).orElseThrow().contains("18 characters"), code);
  }

  @Test
  void missingCodeIsRejected() {
    assertTrue(CreditCode.problem(null).isPresent());
    assertTrue(CreditCode.problem("").isPresent());
  }

  @Test
  void checkCharRefusesBadInput() {
    assertThrows(IllegalArgumentException.class, () -> CreditCode.checkChar("123"));
    assertThrows(IllegalArgumentException.class, () -> CreditCode.checkChar("91350100M000100I4"));
  }
}

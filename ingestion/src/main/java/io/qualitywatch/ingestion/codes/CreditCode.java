package io.qualitywatch.ingestion.codes;

import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from {@code
 * 0-9A-HJ-NPQRTUWXY}; positions 3–8 are the GB/T 2260 region, position 18 a check character over
 * the first 17 with weights 3^(i−1) mod 31.
 */
public final class CreditCode {
  /** The 31 characters in value order: 0–9 then letters without I, O, Z, S, V. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private static final int[] WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };

  private CreditCode() {}

  public static boolean isValid(String code) {
    return problem(code).isEmpty();
  }

  /** Why the code is invalid, or empty when it is valid. */
  public static Optional<String> problem(String code) {
    if (code == null || code.isEmpty()) {
      return Optional.of("credit code is missing");
    }
    if (code.length() != 18) {
      return Optional.of("credit code must have 18 characters, has " + code.length());
    }
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return Optional.of(
            "credit code has invalid character '" + code.charAt(i) + "' at position " + (i + 1));
      }
    }
    char expected = checkChar(code.substring(0, 17));
    if (code.charAt(17) != expected) {
      return Optional.of(
          "credit code check character is '" + code.charAt(17) + "', expected '" + expected + "'");
    }
    return Optional.empty();
  }

  /** The check character for the first 17 characters. */
  public static char checkChar(CharSequence first17) {
    if (first17.length() != 17) {
      throw new IllegalArgumentException("need 17 characters, got " + first17.length());
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int v = ALPHABET.indexOf(first17.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("invalid character '" + first17.charAt(i) + "'");
      }
      sum += v * WEIGHTS[i];
    }
    return ALPHABET.charAt((31 - sum % 31) % 31);
  }

  /** Appends the check character: {@code complete("91350100M000100Y4")} gives 18 characters. */
  public static String complete(String first17) {
    return first17 + checkChar(first17);
  }

  /** The GB/T 2260 region code embedded in positions 3–8. */
  public static String regionOf(String code) {
    return code.substring(2, 8);
  }
}

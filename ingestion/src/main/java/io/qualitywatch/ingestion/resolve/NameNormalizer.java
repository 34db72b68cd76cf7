package io.qualitywatch.ingestion.resolve;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an enterprise name as published into a matching key. Published names differ from the
 * registered name in ways that carry no meaning: full-width letters and brackets ({@code （）}),
 * trailing and internal spaces ({@code 韶山市好又多商贸 有限公司}), stray punctuation. The key drops exactly
 * those differences and nothing else, so two different enterprises never share a key because of
 * normalisation alone.
 */
public final class NameNormalizer {
  /** Values that stand for "no enterprise named" in published lists. */
  private static final Set<String> PLACEHOLDERS =
      Set.of("", "/", "\\", "-", "--", "—", "无", "待查", "不详", "未知", "NULL", "N/A", "NA");

  /**
   * Company-form suffix variants. {@code 股份有限公司} and {@code 有限责任公司} are both forms of a {@code
   * 有限公司} and are often shortened or confused in published notices.
   */
  private static final Pattern COMPANY_FORM = Pattern.compile("股份有限公司|有限责任公司");

  private static final String CANONICAL_FORM = "有限公司";

  private NameNormalizer() {}

  /** True when the value names no party (after trimming and width folding). */
  public static boolean isPlaceholder(String raw) {
    if (raw == null) {
      return true;
    }
    String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    return PLACEHOLDERS.contains(s.toUpperCase(Locale.ROOT));
  }

  /** True when the publisher masked part of the name ({@code *}, full-width {@code ＊}). */
  public static boolean isMasked(String raw) {
    return raw != null && (raw.indexOf('*') >= 0 || raw.indexOf('＊') >= 0);
  }

  /**
   * The matching key: NFKC (full-width → half-width), no whitespace anywhere, every bracket kind as
   * {@code ()}, empty brackets and other punctuation removed, Latin letters upper-case.
   */
  public static String normalize(String raw) {
    if (raw == null) {
      return "";
    }
    String s = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || isInvisible(cp)) {
        continue;
      }
      int bracket = bracket(cp);
      if (bracket != 0) {
        if (bracket == ')' && out.length() > 0 && out.charAt(out.length() - 1) == '(') {
          out.setLength(out.length() - 1); // "()" carries nothing
        } else {
          out.append((char) bracket);
        }
        continue;
      }
      if (isStrayPunctuation(cp)) {
        continue;
      }
      out.appendCodePoint(Character.toUpperCase(cp));
    }
    return out.toString();
  }

  /** The key with every company-form variant replaced by {@code 有限公司}. */
  public static String canonicalForm(String normalizedKey) {
    return COMPANY_FORM.matcher(normalizedKey).replaceAll(CANONICAL_FORM);
  }

  private static boolean isInvisible(int cp) {
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF || cp == 0x00AD;
  }

  private static int bracket(int cp) {
    return switch (cp) {
      case '(', '[', '{', '〔', '【', '〖', '〘', '〚', '⦅' -> '(';
      case ')', ']', '}', '〕', '】', '〗', '〙', '〛', '⦆' -> ')';
      default -> 0;
    };
  }

  private static boolean isStrayPunctuation(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION ->
          true;
      default -> false;
    };
  }
}

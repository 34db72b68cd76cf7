package io.qualitywatch.ingestion.privacy;

import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks complainants' personal data before anything is indexed (Personal Information Protection
 * Law: analysts need the complaint, not the person). Names keep their first character ({@code 张三丰}
 * → {@code 张**}), phone numbers their prefix and last four digits ({@code 138****5678}, {@code
 * 010-****5678}), resident ID numbers their first six (the issuing region) and last four ({@code
 * 110101********123X}). Free text is searched for ID and phone numbers and for names after a label
 * ({@code 姓名：}, {@code 联系人：}, {@code 我叫}).
 *
 * <p>Masking is idempotent: masking masked data changes nothing, so replays and re-imports are
 * safe.
 */
public final class PersonalDataMasker {
  private static final char MASK = '*';

  /**
   * ID numbers (18 or 15 characters), mobile numbers (optionally +86, optionally split by spaces or
   * hyphens) and landlines with an area code, each not glued to other letters or digits, so that
   * credit codes, batch and order numbers stay intact.
   */
  private static final Pattern NUMBERS =
      Pattern.compile(
          "(?<![0-9A-Za-z])(?:"
              + "(?<id>[1-9]\\d{16}[0-9Xx]|[1-9]\\d{14})"
              + "|(?<mobile>(?:\\+?86[- ]?)?1[3-9]\\d(?:[- ]?\\d{4}){2})"
              + "|(?<landline>(?:\\(0\\d{2,3}\\)|（0\\d{2,3}）|0\\d{2,3}[- ]?)\\d{7,8})"
              + ")(?![0-9A-Za-z])");

  /** A name right after a label; 2–4 Han characters is how long almost every Chinese name is. */
  private static final Pattern LABELLED_NAME =
      Pattern.compile(
          "(?<label>(?:姓名|联系人|投诉人|举报人|消费者|当事人)\\s*[:：]\\s*|我叫|本人叫)" + "(?<name>\\p{IsHan}{2,4})");

  private PersonalDataMasker() {}

  /** Returns a copy of a complaint event with its personal data masked; other events unchanged. */
  public static EventEnvelope mask(EventEnvelope event) {
    if (!(event.payload() instanceof Complaint c)) {
      return event;
    }
    Complaint.Complainant person = c.complainant();
    String text = c.text();
    if (text != null && person != null) {
      // The complainant's own data may appear in the text in any form; replace it literally first.
      text = replaceLiteral(text, person.name(), maskName(person.name()));
      text = replaceLiteral(text, person.phone(), maskPhone(person.phone()));
      text = replaceLiteral(text, person.idNumber(), maskIdNumber(person.idNumber()));
    }
    Complaint masked =
        new Complaint(
            c.ticketId(),
            c.kind(),
            c.channel(),
            c.productCategory(),
            maskText(text),
            person == null
                ? null
                : new Complaint.Complainant(
                    maskName(person.name()),
                    maskPhone(person.phone()),
                    maskIdNumber(person.idNumber())));
    return new EventEnvelope(
        event.schema(),
        event.eventId(),
        event.type(),
        event.eventTime(),
        event.source(),
        event.creditCode(),
        event.enterpriseName(),
        event.regionCode(),
        event.industryCode(),
        masked);
  }

  /**
   * Keeps the first character: {@code 张三丰} → {@code 张**}; a one-character name becomes {@code *}.
   */
  public static String maskName(String name) {
    if (name == null) {
      return null;
    }
    String s = name.strip();
    if (s.isEmpty()) {
      return s;
    }
    int first = s.codePointAt(0);
    int rest = s.codePointCount(0, s.length()) - 1;
    if (rest == 0) {
      return String.valueOf(MASK);
    }
    return new StringBuilder()
        .appendCodePoint(first)
        .append(String.valueOf(MASK).repeat(rest))
        .toString();
  }

  /**
   * Masks all digits but a prefix and the last four, keeping separators: mobiles keep the country
   * code and the first three digits ({@code +86 138****5678}), landlines their area code ({@code
   * 0755-***4567}); a number without area code keeps only its last four digits.
   */
  public static String maskPhone(String phone) {
    if (phone == null) {
      return null;
    }
    char[] c = phone.toCharArray();
    // Positions of digits (or already-masked digits), so masking twice gives the same result.
    int[] pos = new int[c.length];
    int n = 0;
    for (int i = 0; i < c.length; i++) {
      if ((c[i] >= '0' && c[i] <= '9') || c[i] == MASK) {
        pos[n++] = i;
      }
    }
    if (n == 0) {
      return phone;
    }
    int start = 0;
    if (n > 11 && c[pos[0]] == '8' && c[pos[1]] == '6') {
      start = 2;
    }
    int digits = n - start;
    int keepHead;
    if (digits == 11 && c[pos[start]] == '1') {
      keepHead = 3;
    } else if (c[pos[start]] == '0' && digits >= 10) {
      // 010 and 02x are the three-digit area codes; all others have four digits.
      char second = c[pos[start + 1]];
      keepHead = second == '1' || second == '2' ? 3 : 4;
    } else {
      keepHead = 0;
    }
    int keepTail = digits >= 7 ? 4 : 0;
    for (int k = start + keepHead; k < n - keepTail; k++) {
      c[pos[k]] = MASK;
    }
    return new String(c);
  }

  /**
   * Keeps the first six (region) and last four characters of an 18-character resident ID number,
   * the first six and last three of an old 15-digit one; anything else keeps its last four.
   */
  public static String maskIdNumber(String id) {
    if (id == null) {
      return null;
    }
    String s = id.strip();
    int len = s.length();
    int head = len == 18 || len == 15 ? 6 : 0;
    int tail = len == 15 ? 3 : Math.min(4, len / 2);
    StringBuilder b = new StringBuilder(len);
    b.append(s, 0, head);
    for (int i = head; i < len - tail; i++) {
      b.append(MASK);
    }
    b.append(s, len - tail, len);
    return b.toString();
  }

  /** Masks ID numbers, phone numbers and labelled names wherever they appear in free text. */
  public static String maskText(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = NUMBERS.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, m.start());
      String hit = m.group();
      out.append(m.group("id") != null ? maskIdNumber(hit) : maskPhone(hit));
      last = m.end();
    }
    String s = out == null ? text : out.append(text, last, text.length()).toString();

    Matcher names = LABELLED_NAME.matcher(s);
    if (!names.find()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    last = 0;
    do {
      b.append(s, last, names.start("name")).append(maskName(names.group("name")));
      last = names.end();
    } while (names.find());
    return b.append(s, last, s.length()).toString();
  }

  private static String replaceLiteral(String text, String value, String masked) {
    // Very short values (a one-character name) would mask unrelated characters all over the text.
    if (value == null || value.strip().length() < 2) {
      return text;
    }
    return text.replace(value.strip(), masked);
  }
}

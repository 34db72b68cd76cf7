package io.qualitywatch.ingestion.contract;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 well-formedness (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF)
 * without decoding. A {@code CharsetDecoder} check allocated and filled a char buffer for every
 * record — a fifth of the cost of decoding an event — only to throw it away.
 */
public final class Utf8 {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Utf8() {}

  public static boolean isValid(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      // JSON is mostly ASCII: skip eight such bytes per step.
      while (i + 8 <= n && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
        i += 8;
      }
      if (i >= n) {
        break;
      }
      int c = b[i];
      if (c >= 0) { // ASCII, the common case in JSON
        i++;
        continue;
      }
      c &= 0xFF;
      if (c < 0xC2) { // continuation byte without a lead, or an overlong 2-byte lead
        return false;
      }
      if (c < 0xE0) {
        if (i + 1 >= n || !continuation(b[i + 1])) {
          return false;
        }
        i += 2;
      } else if (c < 0xF0) {
        if (i + 2 >= n || !continuation(b[i + 1]) || !continuation(b[i + 2])) {
          return false;
        }
        int b1 = b[i + 1] & 0xFF;
        if ((c == 0xE0 && b1 < 0xA0) || (c == 0xED && b1 > 0x9F)) {
          return false; // overlong, or a UTF-16 surrogate
        }
        i += 3;
      } else if (c < 0xF5) {
        if (i + 3 >= n
            || !continuation(b[i + 1])
            || !continuation(b[i + 2])
            || !continuation(b[i + 3])) {
          return false;
        }
        int b1 = b[i + 1] & 0xFF;
        if ((c == 0xF0 && b1 < 0x90) || (c == 0xF4 && b1 > 0x8F)) {
          return false; // overlong, or above U+10FFFF
        }
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}

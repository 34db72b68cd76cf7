package io.qualitywatch.ingestion.importer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, so that a line with invalid UTF-8 can be
 * rejected on its own (and kept byte for byte) instead of breaking the reader. LF and CRLF both end
 * a line; a UTF-8 byte-order mark at the start is dropped. Lines longer than {@code maxLine} bytes
 * are cut there (the rest is skipped) and flagged, so one runaway line cannot exhaust memory.
 */
final class LineReader {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

  private final InputStream in;
  private final int maxLine;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long lineNumber;
  private boolean lastTruncated;
  private byte[] partial = new byte[256];

  LineReader(InputStream in, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
  }

  /** Physical number (1-based) of the line last returned. */
  long lineNumber() {
    return lineNumber;
  }

  /** Whether the line last returned was longer than the limit and was cut. */
  boolean lastTruncated() {
    return lastTruncated;
  }

  /** The next line without its terminator, or null at the end of the stream. */
  byte[] next() throws IOException {
    lastTruncated = false;
    int plen = 0;
    boolean any = false;
    while (true) {
      if (pos >= limit) {
        limit = in.read(buf, 0, buf.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          if (!any) {
            return null;
          }
          return finish(partial, plen);
        }
      }
      any = true;
      int start = pos;
      int nl = indexOfNewline(buf, pos, limit);
      int end = nl >= 0 ? nl : limit;
      if (plen == 0 && nl >= 0) {
        pos = nl + 1;
        return finish(buf, start, end);
      }
      int n = Math.min(end - start, maxLine + 1 - plen);
      if (n > 0) {
        if (plen + n > partial.length) {
          partial = Arrays.copyOf(partial, Math.max(plen + n, partial.length * 2));
        }
        System.arraycopy(buf, start, partial, plen, n);
        plen += n;
      }
      if (end - start > n) {
        lastTruncated = true;
      }
      if (nl >= 0) {
        pos = nl + 1;
        return finish(partial, plen);
      }
      pos = limit;
    }
  }

  private byte[] finish(byte[] b, int len) {
    return finish(b, 0, len);
  }

  private byte[] finish(byte[] b, int from, int to) {
    if (lineNumber == 0
        && to - from >= 3
        && b[from] == (byte) 0xEF
        && b[from + 1] == (byte) 0xBB
        && b[from + 2] == (byte) 0xBF) {
      from += 3; // byte-order mark
    }
    lineNumber++;
    if (to - from > maxLine) {
      lastTruncated = true;
      to = from + maxLine;
    }
    if (to > from && b[to - 1] == '\r') {
      to--;
    }
    return Arrays.copyOfRange(b, from, to);
  }

  /**
   * First {@code '\n'} in {@code b[from, to)}, or -1; eight bytes per step (the reader's main
   * thread also publishes every record, so its per-byte work is the importer's ceiling).
   */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ NEWLINES;
      // Has-zero-byte test: the lowest flagged byte is the first zero byte, i.e. the first '\n'.
      long zero = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** True for a line with nothing but ASCII whitespace: not a record. */
  static boolean isBlank(byte[] line) {
    for (byte c : line) {
      if (c != ' ' && c != '\t' && c != '\r' && c != '\f') {
        return false;
      }
    }
    return true;
  }
}

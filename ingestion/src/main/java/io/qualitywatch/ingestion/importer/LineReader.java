package io.qualitywatch.ingestion.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, so that a line with invalid UTF-8 can be
 * rejected on its own (and kept byte for byte) instead of breaking the reader. LF and CRLF both end
 * a line; a UTF-8 byte-order mark at the start is dropped. Lines longer than {@code maxLine} bytes
 * are cut there (the rest is skipped) and flagged, so one runaway line cannot exhaust memory.
 */
final class LineReader {
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
      int nl = -1;
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
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

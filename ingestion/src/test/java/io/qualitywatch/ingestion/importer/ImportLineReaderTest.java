package io.qualitywatch.ingestion.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImportLineReaderTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Delivers one byte per read, so every line crosses buffer boundaries. */
  private static InputStream trickle(byte[] data) {
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] buf, int off, int len) {
        return super.read(buf, off, Math.min(len, 1));
      }
    };
  }

  @Test
  void crlfLfBomAndLastLineWithoutNewline() throws Exception {
    byte[] data = b("\uFEFF{\"a\":1}\r\n{\"b\":2}\n\n中文\r\nlast");
    for (InputStream in : new InputStream[] {new ByteArrayInputStream(data), trickle(data)}) {
      LineReader r = new LineReader(in, 1 << 20);
      assertArrayEquals(b("{\"a\":1}"), r.next());
      assertEquals(1, r.lineNumber());
      assertArrayEquals(b("{\"b\":2}"), r.next());
      assertArrayEquals(new byte[0], r.next());
      assertArrayEquals(b("中文"), r.next());
      assertArrayEquals(b("last"), r.next());
      assertEquals(5, r.lineNumber());
      assertNull(r.next());
    }
  }

  @Test
  void overlongLinesAreCutAndFlagged() throws Exception {
    byte[] data = b("x".repeat(100) + "\nshort\n");
    LineReader r = new LineReader(trickle(data), 10);
    byte[] first = r.next();
    assertEquals(10, first.length);
    assertTrue(r.lastTruncated());
    assertArrayEquals(b("short"), r.next());
    assertFalse(r.lastTruncated());
    assertEquals(2, r.lineNumber());
  }

  @Test
  void newlineScanFindsTheFirstNewlineAtEveryOffset() {
    java.util.Random rnd = new java.util.Random(7);
    for (int n = 0; n < 40; n++) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        // Bytes near '\n' and with the high bit set are the has-zero trick's hard cases.
        int[] pool = {0x0B, 0x09, 0x8A, 0xFF, 0x00, 'a', 0x0A ^ 0x80, 0x01};
        b[i] = (byte) pool[rnd.nextInt(pool.length)];
      }
      for (int from = 0; from <= n; from++) {
        for (int nl = from; nl <= n; nl++) {
          byte[] c = b.clone();
          for (int i = from; i < n; i++) {
            if (c[i] == '\n') {
              c[i] = 'x';
            }
          }
          if (nl < n) {
            c[nl] = '\n';
            if (nl + 1 < n) {
              c[nl + 1] = '\n'; // a later newline must not win
            }
          }
          assertEquals(nl < n ? nl : -1, LineReader.indexOfNewline(c, from, n), n + "/" + from);
        }
      }
    }
  }
}

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
}

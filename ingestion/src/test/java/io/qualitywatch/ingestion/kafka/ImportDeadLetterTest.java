package io.qualitywatch.ingestion.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.validation.RejectReason;
import io.qualitywatch.ingestion.validation.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ImportDeadLetterTest {
  private static final Rejection R = new Rejection(RejectReason.MALFORMED_JSON, null, "x");
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void textWhenUtf8Base64Otherwise() {
    DeadLetter text =
        DeadLetter.of(R, "f.jsonl", 3, "{\"名\":1".getBytes(StandardCharsets.UTF_8), T);
    assertEquals("{\"名\":1", text.raw());
    assertNull(text.rawBase64());
    byte[] bad = {'{', (byte) 0xFF, '}'};
    DeadLetter b = DeadLetter.of(R, "f.jsonl", 4, bad, T);
    assertNull(b.raw());
    assertArrayEquals(bad, Base64.getDecoder().decode(b.rawBase64()));
    String json = EventCodec.encodeToString(b);
    assertTrue(json.contains("\"source_file\":\"f.jsonl\"") && json.contains("\"line\":4"), json);
  }

  @Test
  void hugeRecordsAreCutOnACharacterBoundaryAndStayText() {
    // 3-byte characters: the 256 KiB cut falls inside one of them.
    byte[] raw = "油".repeat(100_000).getBytes(StandardCharsets.UTF_8);
    DeadLetter d = DeadLetter.of(R, "f.jsonl", 1, raw, T);
    assertEquals(Boolean.TRUE, d.rawTruncated());
    assertNull(d.rawBase64());
    byte[] kept = d.raw().getBytes(StandardCharsets.UTF_8);
    assertTrue(
        kept.length <= DeadLetter.MAX_RAW_BYTES && kept.length > DeadLetter.MAX_RAW_BYTES - 3);
    assertArrayEquals(Arrays.copyOf(raw, kept.length), kept);
  }
}

package io.qualitywatch.ingestion.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.qualitywatch.ingestion.validation.RejectReason;
import io.qualitywatch.ingestion.validation.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A record that could not become an event, as published on the dead-letter topic: why, where it
 * came from and what it contained, so that it can be fixed and re-loaded.
 *
 * @param sourceFile file name the record was read from
 * @param line JSON lines: the physical line number; CSV: the 1-based data record number (a record
 *     may span several physical lines)
 * @param raw the record as text when it is valid UTF-8 (CSV: the record re-written in the file's
 *     dialect)
 * @param rawBase64 the record's bytes in base64 when they are not valid UTF-8, so nothing is lost
 * @param rawTruncated true when the record was longer than {@link #MAX_RAW_BYTES} and was cut
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
    RejectReason reason,
    String field,
    String detail,
    @JsonProperty("source_file") String sourceFile,
    long line,
    String raw,
    @JsonProperty("raw_base64") String rawBase64,
    @JsonProperty("raw_truncated") Boolean rawTruncated,
    @JsonProperty("rejected_at") Instant rejectedAt) {

  /**
   * Kafka's default maximum message is 1 MB; a dead letter must never be refused for its size,
   * because that would abort the whole load for one bad line.
   */
  public static final int MAX_RAW_BYTES = 256 * 1024;

  /** Builds a dead letter from the raw bytes, choosing text or base64. */
  public static DeadLetter of(
      Rejection rejection, String sourceFile, long line, byte[] raw, Instant rejectedAt) {
    boolean truncated = raw.length > MAX_RAW_BYTES;
    byte[] kept = truncated ? Arrays.copyOf(raw, MAX_RAW_BYTES) : raw;
    String text = strictUtf8(kept);
    if (text == null && truncated) {
      // The cut may have split a multi-byte character; that alone must not force base64.
      text = strictUtf8(Arrays.copyOf(kept, lastCharBoundary(kept)));
    }
    return new DeadLetter(
        rejection.reason(),
        rejection.field(),
        rejection.detail(),
        sourceFile,
        line,
        text,
        text == null ? Base64.getEncoder().encodeToString(kept) : null,
        truncated ? Boolean.TRUE : null,
        rejectedAt);
  }

  /** Builds a dead letter from a record that is already text (CSV). */
  public static DeadLetter ofText(
      Rejection rejection, String sourceFile, long line, String raw, Instant rejectedAt) {
    return of(rejection, sourceFile, line, raw.getBytes(StandardCharsets.UTF_8), rejectedAt);
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static int lastCharBoundary(byte[] b) {
    int i = b.length;
    // Step back over continuation bytes (10xxxxxx) and the lead byte they belong to.
    while (i > 0 && (b[i - 1] & 0xC0) == 0x80) {
      i--;
    }
    return i > 0 && (b[i - 1] & 0x80) != 0 ? i - 1 : i;
  }
}

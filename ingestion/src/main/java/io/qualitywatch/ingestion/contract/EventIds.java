package io.qualitywatch.ingestion.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic event ids: re-loading the same file, replaying a topic or re-running a job yields
 * the same ids, so every downstream write (Kafka compaction, Elasticsearch {@code _id}) is
 * idempotent. Random UUIDs would turn every retry into a duplicate.
 */
public final class EventIds {
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private EventIds() {}

  /** {@code <type>-<first 20 hex chars of sha256(type|subject|naturalKey)>}. */
  public static String of(EventType type, String subject, String naturalKey) {
    String material = type.wireName() + '|' + (subject == null ? "" : subject) + '|' + naturalKey;
    return type.wireName() + "-" + hash(material, 10);
  }

  /** Hex of the first {@code bytes} bytes of SHA-256 over the UTF-8 text. */
  public static String hash(String text, int bytes) {
    MessageDigest md = SHA256.get();
    md.reset();
    byte[] digest = md.digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, bytes);
  }
}

package io.qualitywatch.ingestion.importer;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The event ids seen in one load, for de-duplication. Contract ids ({@code <type>-<20 hex>}) are
 * kept as their 80 hash bits in two primitive arrays — 10 bytes per slot instead of ~100 for a
 * {@code String} in a {@code HashSet} — so a load of tens of millions of events stays within a
 * modest heap. Other id shapes fall back to a plain set.
 *
 * <p>An empty slot is one whose first 64 bits are zero (an id that really has them, one in 2^64,
 * goes to the plain set), so no third array marks used slots and a probe reads {@code low} only
 * when {@code high} matches.
 */
final class EventIdSet {
  private static final int HEX_CHARS = 20;
  private static final byte[] HEX = new byte[128];

  static {
    Arrays.fill(HEX, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      HEX[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      HEX[c] = (byte) (c - 'a' + 10);
    }
  }

  private long[] high = new long[1 << 12];
  private short[] low = new short[1 << 12];
  private int size;
  private final Set<String> other = new HashSet<>();

  /** Adds the id; false when it was already there. */
  boolean add(String id) {
    int dash = id.length() - HEX_CHARS - 1;
    if (dash < 1 || id.charAt(dash) != '-') {
      return other.add(id);
    }
    long h = 0;
    int l = 0;
    for (int i = dash + 1; i < id.length(); i++) {
      char c = id.charAt(i);
      int d = c < 128 ? HEX[c] : -1; // lower-case hex only, as EventIds writes them
      if (d < 0) {
        return other.add(id);
      }
      if (i - dash - 1 < 16) {
        h = (h << 4) | d;
      } else {
        l = (l << 4) | d;
      }
    }
    if (h == 0) {
      return other.add(id); // would look like an empty slot
    }
    // The type prefix is not stored: it is hashed into the 80 bits already (see EventIds).
    return addBits(h, (short) l);
  }

  int size() {
    return size + other.size();
  }

  private boolean addBits(long h, short l) {
    if ((size + 1) * 2L > high.length) {
      grow();
    }
    int mask = high.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    for (long at = high[i]; at != 0; at = high[i]) {
      if (at == h && low[i] == l) {
        return false;
      }
      i = (i + 1) & mask;
    }
    high[i] = h;
    low[i] = l;
    size++;
    return true;
  }

  private void grow() {
    long[] oh = high;
    short[] ol = low;
    high = new long[oh.length * 2];
    low = new short[oh.length * 2];
    size = 0;
    for (int i = 0; i < oh.length; i++) {
      if (oh[i] != 0) {
        addBits(oh[i], ol[i]);
      }
    }
  }
}

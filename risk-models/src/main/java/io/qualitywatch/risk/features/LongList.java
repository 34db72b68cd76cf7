package io.qualitywatch.risk.features;

import java.util.Arrays;

/** Append-only sorted list of times, counted in windows by binary search. */
final class LongList implements java.io.Serializable {
  private long[] a = new long[4];
  private int n;

  void add(long v) {
    if (n == a.length) {
      a = Arrays.copyOf(a, n * 2);
    }
    // Events arrive in time order in batch; the stream may deliver late ones, so keep it sorted.
    int i = n;
    while (i > 0 && a[i - 1] > v) {
      a[i] = a[i - 1];
      i--;
    }
    a[i] = v;
    n++;
  }

  /** How many values lie in [from, to). */
  int countIn(long from, long to) {
    return lowerBound(to) - lowerBound(from);
  }

  private int lowerBound(long v) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The largest value below v, or Long.MIN_VALUE. */
  long lastBefore(long v) {
    int i = lowerBound(v);
    return i == 0 ? Long.MIN_VALUE : a[i - 1];
  }

  int size() {
    return n;
  }

  long get(int i) {
    return a[i];
  }

  /** Removes the values below v; returns how many. */
  int dropBefore(long v) {
    int k = lowerBound(v);
    if (k > 0) {
      System.arraycopy(a, k, a, 0, n - k);
      n -= k;
    }
    return k;
  }

  /** A list of {@code len} sorted values copied from {@code src} at {@code from}. */
  static LongList of(long[] src, int from, int len) {
    LongList l = new LongList();
    l.a = Arrays.copyOfRange(src, from, from + Math.max(len, 4));
    l.n = len;
    return l;
  }
}

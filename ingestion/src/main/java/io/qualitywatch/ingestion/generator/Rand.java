package io.qualitywatch.ingestion.generator;

import java.util.SplittableRandom;

/** Seeded randomness helpers: independent streams per purpose and day, and the few laws we need. */
final class Rand {
  private Rand() {}

  /** SplitMix64 finaliser: turns correlated inputs (seed, day) into well-spread seeds. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * A stream that depends only on (seed, purpose, index), so that e.g. day 200 is the same whether
   * or not days 0–199 were generated, and adding a purpose never shifts another purpose's draws.
   */
  static SplittableRandom stream(long seed, long purpose, long index) {
    return new SplittableRandom(mix(mix(seed * 0x9E3779B97F4A7C15L + purpose) + index));
  }

  static int poisson(SplittableRandom r, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean < 40) {
      double limit = StrictMath.exp(-mean);
      double p = 1.0;
      int k = 0;
      do {
        k++;
        p *= r.nextDouble();
      } while (p > limit);
      return k - 1;
    }
    // Daily totals are large means where the normal approximation is indistinguishable.
    long v = Math.round(mean + Math.sqrt(mean) * r.nextGaussian());
    return (int) Math.max(0, v);
  }

  /**
   * Log-normal with mean 1: a multiplicative heterogeneity factor that keeps averages on target.
   */
  static double lognormalMean1(SplittableRandom r, double sigma) {
    return StrictMath.exp(sigma * r.nextGaussian() - sigma * sigma / 2);
  }

  static double lognormal(SplittableRandom r, double median, double sigma) {
    return median * StrictMath.exp(sigma * r.nextGaussian());
  }

  static int between(SplittableRandom r, int lo, int hiInclusive) {
    return lo + r.nextInt(hiInclusive - lo + 1);
  }

  static <T> T pick(SplittableRandom r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  static int pick(SplittableRandom r, int[] values) {
    return values[r.nextInt(values.length)];
  }

  /** Index drawn with probability proportional to {@code weights} (linear scan: small tables). */
  static int weighted(SplittableRandom r, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /**
   * Walker/Vose alias table: O(1) draws proportional to weights, which is what lets a day's
   * complaints be drawn over a million enterprises without scanning them.
   */
  static final class Alias {
    private final double[] prob;
    private final int[] alias;
    private final double total;

    Alias(double[] weights) {
      int n = weights.length;
      prob = new double[n];
      alias = new int[n];
      double sum = 0;
      for (double w : weights) {
        sum += w;
      }
      total = sum;
      if (n == 0 || sum <= 0) {
        return;
      }
      double[] scaled = new double[n];
      int[] small = new int[n];
      int[] large = new int[n];
      int ns = 0;
      int nl = 0;
      for (int i = 0; i < n; i++) {
        scaled[i] = weights[i] * n / sum;
        if (scaled[i] < 1.0) {
          small[ns++] = i;
        } else {
          large[nl++] = i;
        }
      }
      while (ns > 0 && nl > 0) {
        int s = small[--ns];
        int l = large[--nl];
        prob[s] = scaled[s];
        alias[s] = l;
        scaled[l] = scaled[l] + scaled[s] - 1.0;
        if (scaled[l] < 1.0) {
          small[ns++] = l;
        } else {
          large[nl++] = l;
        }
      }
      while (nl > 0) {
        prob[large[--nl]] = 1.0;
      }
      while (ns > 0) {
        prob[small[--ns]] = 1.0;
      }
    }

    double total() {
      return total;
    }

    boolean isEmpty() {
      return total <= 0;
    }

    int draw(SplittableRandom r) {
      int i = r.nextInt(prob.length);
      return r.nextDouble() < prob[i] ? i : alias[i];
    }
  }
}

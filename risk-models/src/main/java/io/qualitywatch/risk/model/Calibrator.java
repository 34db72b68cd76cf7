package io.qualitywatch.risk.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Maps a model's raw score to a calibrated probability, fitted on a validation period the model did
 * not train on. Gradient boosting's raw probabilities are typically over-confident and a
 * regularised logistic regression's under-confident; analysts read the number as "chance of
 * failing", so it must mean that.
 */
public interface Calibrator extends Serializable {
  double apply(double raw);

  String name();

  /** No calibration. */
  static Calibrator identity() {
    return new Identity();
  }

  /**
   * Platt scaling on the raw score's logit: p = σ(a·logit(raw) + b), fitted by Newton's method on
   * the log-likelihood with Platt's target smoothing so that a separable validation set does not
   * send a to infinity. The slope is kept at or above {@link #MIN_SLOPE}: a calibration may flatten
   * a score the validation period finds useless, but never reverses the model's ranking (with a
   * dozen validation failures a negative slope is noise, and it turned a real-data AUC of about
   * 0.64 into 0.36; docs/models.md).
   */
  static Calibrator platt(double[] raw, int[] label) {
    int n = raw.length;
    int pos = 0;
    for (int y : label) {
      pos += y;
    }
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (n - pos + 2.0);
    double[] z = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = logit(raw[i]);
      t[i] = label[i] == 1 ? hi : lo;
    }
    double a = 1;
    double b = 0;
    for (int it = 0; it < 100; it++) {
      double g0 = 0, g1 = 0, h00 = 1e-9, h01 = 0, h11 = 1e-9;
      for (int i = 0; i < n; i++) {
        double p = sigmoid(a * z[i] + b);
        double d = p - t[i];
        double w = p * (1 - p);
        g0 += d * z[i];
        g1 += d;
        h00 += w * z[i] * z[i];
        h01 += w * z[i];
        h11 += w;
      }
      double det = h00 * h11 - h01 * h01;
      if (Math.abs(det) < 1e-12) {
        break;
      }
      double da = (h11 * g0 - h01 * g1) / det;
      double db = (h00 * g1 - h01 * g0) / det;
      a -= da;
      b -= db;
      if (Math.abs(da) + Math.abs(db) < 1e-9) {
        break;
      }
    }
    if (a < MIN_SLOPE) {
      a = MIN_SLOPE;
      // Refit the intercept alone for the fixed slope (one-dimensional Newton), started at the
      // base rate: the two-dimensional fit's b belongs to the rejected slope and may be far off.
      double tMean = 0;
      double zMean = 0;
      for (int i = 0; i < n; i++) {
        tMean += t[i] / n;
        zMean += z[i] / n;
      }
      b = Math.log(tMean / (1 - tMean)) - a * zMean;
      for (int it = 0; it < 100; it++) {
        double g = 0;
        double h = 1e-9;
        for (int i = 0; i < n; i++) {
          double p = sigmoid(a * z[i] + b);
          g += p - t[i];
          h += p * (1 - p);
        }
        b -= g / h;
        if (Math.abs(g / h) < 1e-12) {
          break;
        }
      }
    }
    return new Platt(a, b);
  }

  /** Smallest Platt slope: keeps the ranking when the validation period sees no signal. */
  double MIN_SLOPE = 1e-3;

  /**
   * Isotonic regression (pool-adjacent-violators): monotone, no shape assumption, but needs a few
   * hundred positives in the validation period to be smooth enough; linear interpolation between
   * block centres.
   */
  static Calibrator isotonic(double[] raw, int[] label) {
    Integer[] o = new Integer[raw.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    Arrays.sort(o, Comparator.comparingDouble(i -> raw[i]));
    List<double[]> blocks = new ArrayList<>(); // {sumY, count, sumX}
    for (int i : o) {
      blocks.add(new double[] {label[i], 1, raw[i]});
      while (blocks.size() > 1) {
        double[] last = blocks.get(blocks.size() - 1);
        double[] prev = blocks.get(blocks.size() - 2);
        if (prev[0] / prev[1] <= last[0] / last[1]) {
          break;
        }
        prev[0] += last[0];
        prev[1] += last[1];
        prev[2] += last[2];
        blocks.remove(blocks.size() - 1);
      }
    }
    double[] x = new double[blocks.size()];
    double[] y = new double[blocks.size()];
    for (int i = 0; i < x.length; i++) {
      double[] bl = blocks.get(i);
      x[i] = bl[2] / bl[1];
      y[i] = bl[0] / bl[1];
    }
    return new Isotonic(x, y);
  }

  static double logit(double p) {
    double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
    return Math.log(q / (1 - q));
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  record Identity() implements Calibrator {
    @Override
    public double apply(double raw) {
      return raw;
    }

    @Override
    public String name() {
      return "none";
    }
  }

  record Platt(double a, double b) implements Calibrator {
    @Override
    public double apply(double raw) {
      return sigmoid(a * logit(raw) + b);
    }

    @Override
    public String name() {
      return "platt";
    }
  }

  record Isotonic(double[] x, double[] y) implements Calibrator {
    @Override
    public double apply(double raw) {
      int i = Arrays.binarySearch(x, raw);
      if (i >= 0) {
        return y[i];
      }
      int hi = -i - 1;
      if (hi == 0) {
        return y[0];
      }
      if (hi == x.length) {
        return y[x.length - 1];
      }
      double f = (raw - x[hi - 1]) / (x[hi] - x[hi - 1]);
      return y[hi - 1] + f * (y[hi] - y[hi - 1]);
    }

    @Override
    public String name() {
      return "isotonic";
    }
  }
}

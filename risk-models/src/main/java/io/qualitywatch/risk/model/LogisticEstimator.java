package io.qualitywatch.risk.model;

import smile.classification.LogisticRegression;

/**
 * L2-regularised logistic regression on standardised columns (Smile, L-BFGS): the transparent
 * baseline. Standardising makes the penalty treat a count and an indicator alike and makes
 * coefficient × standardised value a fair contribution.
 */
final class LogisticEstimator implements Estimator {
  private final LogisticRegression.Binomial model;
  private final double[] mean;
  private final double[] sd;

  private LogisticEstimator(LogisticRegression.Binomial model, double[] mean, double[] sd) {
    this.model = model;
    this.mean = mean;
    this.sd = sd;
  }

  static LogisticEstimator fit(double[][] x, int[] y, double lambda) {
    int p = x[0].length;
    double[] mean = new double[p];
    double[] sd = new double[p];
    for (double[] r : x) {
      for (int j = 0; j < p; j++) {
        mean[j] += r[j];
      }
    }
    for (int j = 0; j < p; j++) {
      mean[j] /= x.length;
    }
    for (double[] r : x) {
      for (int j = 0; j < p; j++) {
        sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
      }
    }
    for (int j = 0; j < p; j++) {
      sd[j] = Math.sqrt(sd[j] / Math.max(1, x.length - 1));
      if (sd[j] == 0) {
        sd[j] = 1;
      }
    }
    double[][] z = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      z[i] = standardise(x[i], mean, sd);
    }
    LogisticRegression.Binomial m = LogisticRegression.binomial(z, y, lambda, 1e-5, 500);
    return new LogisticEstimator(m, mean, sd);
  }

  private static double[] standardise(double[] x, double[] mean, double[] sd) {
    double[] z = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      z[j] = (x[j] - mean[j]) / sd[j];
    }
    return z;
  }

  @Override
  public double raw(double[] x) {
    double[] post = new double[2];
    model.predict(standardise(x, mean, sd), post);
    return post[1];
  }

  @Override
  public double[] contributions(double[] x) {
    // Smile keeps the intercept last: w[0..p-1] are the column weights.
    double[] w = model.coefficients();
    double[] z = standardise(x, mean, sd);
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = w[j] * z[j];
    }
    return out;
  }
}

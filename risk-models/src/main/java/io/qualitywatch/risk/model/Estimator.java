package io.qualitywatch.risk.model;

import java.io.Serializable;

/** A fitted classifier on encoded columns: raw probability and per-column log-odds pushes. */
interface Estimator extends Serializable {
  double raw(double[] x);

  double[] contributions(double[] x);
}

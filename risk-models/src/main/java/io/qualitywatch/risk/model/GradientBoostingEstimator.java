package io.qualitywatch.risk.model;

import java.util.List;
import java.util.Properties;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;

/** Smile's gradient tree boosting (binomial deviance); explanations by TreeSHAP. */
final class GradientBoostingEstimator implements Estimator {
  private static final String LABEL = "__label__";
  private final GradientTreeBoost model;
  private final StructType schema;

  private GradientBoostingEstimator(GradientTreeBoost model, StructType schema) {
    this.model = model;
    this.schema = schema;
  }

  static GradientBoostingEstimator fit(
      double[][] x, int[] y, List<String> columns, ModelParams params) {
    // Smile column names must be identifiers-ish; positions are what matters, so use c0..cn.
    String[] names = new String[columns.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = "c" + i;
    }
    DataFrame xs = DataFrame.of(x, names);
    DataFrame df = xs.merge(IntVector.of(LABEL, y));
    Properties p = new Properties();
    p.setProperty("smile.gradient_boost.trees", String.valueOf(params.trees()));
    p.setProperty("smile.gradient_boost.max_depth", String.valueOf(params.maxDepth()));
    p.setProperty("smile.gradient_boost.max_nodes", String.valueOf(params.maxNodes()));
    p.setProperty("smile.gradient_boost.node_size", String.valueOf(params.nodeSize()));
    p.setProperty("smile.gradient_boost.shrinkage", String.valueOf(params.shrinkage()));
    p.setProperty("smile.gradient_boost.sampling_rate", String.valueOf(params.subsample()));
    GradientTreeBoost m = GradientTreeBoost.fit(Formula.lhs(LABEL), df, p);
    return new GradientBoostingEstimator(m, xs.schema());
  }

  @Override
  public double raw(double[] x) {
    double[] post = new double[2];
    model.predict(Tuple.of(x, schema), post);
    return post[1];
  }

  @Override
  public double[] contributions(double[] x) {
    // Smile returns p·k values, feature-major: [f0c0, f0c1, f1c0, ...]; class 1 is "fails".
    double[] s = model.shap(Tuple.of(x, schema));
    int k = s.length / x.length;
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = s[j * k + (k - 1)];
    }
    return out;
  }
}

package io.qualitywatch.risk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Training knobs. The defaults were chosen on the generated data's validation period (not its test
 * period): shallow trees and a small learning rate, because failures are rare (5–10 %) and the
 * strongest signals (size class, prior failures) are simple.
 */
public record ModelParams(
    Algorithm algorithm,
    int trees,
    @JsonProperty("max_depth") int maxDepth,
    @JsonProperty("max_nodes") int maxNodes,
    @JsonProperty("node_size") int nodeSize,
    double shrinkage,
    double subsample,
    double lambda,
    @JsonProperty("min_level_count") int minLevelCount,
    String calibration)
    implements java.io.Serializable {

  public enum Algorithm {
    GRADIENT_BOOSTING,
    LOGISTIC_REGRESSION
  }

  public static ModelParams gradientBoosting() {
    return new ModelParams(Algorithm.GRADIENT_BOOSTING, 100, 6, 16, 20, 0.05, 0.7, 0, 20, "platt");
  }

  public static ModelParams logistic() {
    return new ModelParams(Algorithm.LOGISTIC_REGRESSION, 0, 0, 0, 0, 0, 0, 1.0, 20, "platt");
  }

  public ModelParams withTrees(int n) {
    return new ModelParams(
        algorithm,
        n,
        maxDepth,
        maxNodes,
        nodeSize,
        shrinkage,
        subsample,
        lambda,
        minLevelCount,
        calibration);
  }

  public ModelParams withCalibration(String c) {
    return new ModelParams(
        algorithm,
        trees,
        maxDepth,
        maxNodes,
        nodeSize,
        shrinkage,
        subsample,
        lambda,
        minLevelCount,
        c);
  }

  public ModelParams withMinLevelCount(int n) {
    return new ModelParams(
        algorithm,
        trees,
        maxDepth,
        maxNodes,
        nodeSize,
        shrinkage,
        subsample,
        lambda,
        n,
        calibration);
  }
}

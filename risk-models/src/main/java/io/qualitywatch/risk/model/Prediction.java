package io.qualitywatch.risk.model;

import java.util.List;

/**
 * A calibrated failure probability and the features that pushed it up most.
 *
 * @param rawScore the uncalibrated model output (for ranking it is equivalent)
 */
public record Prediction(double probability, double rawScore, List<Contribution> reasons) {}

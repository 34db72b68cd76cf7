package io.qualitywatch.risk.model;

/**
 * One feature's push on one prediction, on the log-odds scale: positive raises the risk.
 *
 * @param feature feature or categorical attribute name, e.g. {@code fails_365d}, {@code industry}
 * @param value the row's value, readable, e.g. {@code fails_365d=2}, {@code industry=C14}
 * @param logOdds contribution in log-odds (TreeSHAP for boosting, coefficient × centred value for
 *     logistic regression); one-hot columns of an attribute are summed
 */
public record Contribution(String feature, String value, double logOdds) {
  @Override
  public String toString() {
    return value + String.format(" (%+.2f)", logOdds);
  }
}

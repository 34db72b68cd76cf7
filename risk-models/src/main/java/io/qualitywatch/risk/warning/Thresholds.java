package io.qualitywatch.risk.warning;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * Metric thresholds of the four levels, for a metric where larger is worse (a score, a count, a
 * surge strength). A level applies from its threshold up.
 */
public record Thresholds(double red, double orange, double yellow, double blue)
    implements Serializable {

  public Thresholds {
    if (!(blue <= yellow && yellow <= orange && orange <= red)) {
      throw new IllegalArgumentException(
          "thresholds must satisfy blue <= yellow <= orange <= red, got blue="
              + blue
              + " yellow="
              + yellow
              + " orange="
              + orange
              + " red="
              + red);
    }
    for (double v : new double[] {red, orange, yellow, blue}) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("thresholds must be finite numbers");
      }
    }
  }

  /** The level for a metric value, or null when it is below blue. */
  public WarningLevel levelFor(double metric) {
    if (metric >= red) {
      return WarningLevel.RED;
    }
    if (metric >= orange) {
      return WarningLevel.ORANGE;
    }
    if (metric >= yellow) {
      return WarningLevel.YELLOW;
    }
    if (metric >= blue) {
      return WarningLevel.BLUE;
    }
    return null;
  }

  public double thresholdOf(@JsonProperty("level") WarningLevel level) {
    return switch (level) {
      case RED -> red;
      case ORANGE -> orange;
      case YELLOW -> yellow;
      case BLUE -> blue;
    };
  }
}

package io.qualitywatch.risk.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How much one unit of an evidence kind weighs, and how fast it fades.
 *
 * @param weight points of raw risk per unit of fresh evidence; negative for reassuring evidence
 * @param halfLifeDays after this many days the evidence counts half
 */
public record KindRule(double weight, @JsonProperty("half_life_days") double halfLifeDays)
    implements java.io.Serializable {
  public KindRule {
    if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
      throw new IllegalArgumentException("half_life_days must be > 0, got " + halfLifeDays);
    }
    if (Double.isNaN(weight) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be a finite number, got " + weight);
    }
  }

  /** Decay rate per millisecond. */
  public double lambdaPerMilli() {
    return Math.log(2) / (halfLifeDays * 86_400_000d);
  }
}

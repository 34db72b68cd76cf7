package io.qualitywatch.ingestion.elastic;

import java.io.Serializable;
import java.util.List;

/**
 * One alias per concept; jobs always write to the alias, which points at a versioned index ({@code
 * qw-scores-v1}) so that a mapping change is rolled out by rebuilding and swapping.
 */
public record IndexNames(String prefix) implements Serializable {
  public String scores() {
    return prefix + "-scores";
  }

  public String scoreHistory() {
    return prefix + "-score-history";
  }

  public String warnings() {
    return prefix + "-warnings";
  }

  public String ratings() {
    return prefix + "-ratings";
  }

  public String institutionRatings() {
    return prefix + "-institution-ratings";
  }

  public String inspectionPlans() {
    return prefix + "-inspection-plans";
  }

  public String coverage() {
    return prefix + "-coverage";
  }

  public String events() {
    return prefix + "-events";
  }

  public String aggregates() {
    return prefix + "-risk-aggregates";
  }

  public List<String> all() {
    return List.of(
        scores(),
        scoreHistory(),
        warnings(),
        ratings(),
        institutionRatings(),
        inspectionPlans(),
        coverage(),
        events(),
        aggregates());
  }
}

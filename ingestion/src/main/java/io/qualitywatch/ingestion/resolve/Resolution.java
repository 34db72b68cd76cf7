package io.qualitywatch.ingestion.resolve;

import io.qualitywatch.ingestion.reference.Enterprise;
import java.util.List;

/**
 * The outcome of matching one name: either the enterprise, or why not.
 *
 * @param normalizedName the matching key of the name (see {@link NameNormalizer#normalize})
 * @param candidates credit codes that matched equally well when the outcome is AMBIGUOUS
 */
public record Resolution(
    Enterprise enterprise,
    UnresolvedReason reason,
    String detail,
    String normalizedName,
    List<String> candidates) {

  public Resolution {
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
  }

  public static Resolution resolved(Enterprise e, String normalizedName, String how) {
    return new Resolution(e, null, how, normalizedName, List.of());
  }

  public static Resolution unresolved(
      UnresolvedReason reason, String detail, String normalizedName, List<String> candidates) {
    return new Resolution(null, reason, detail, normalizedName, candidates);
  }

  public boolean isResolved() {
    return enterprise != null;
  }
}

package io.qualitywatch.risk.model;

import io.qualitywatch.risk.features.FeatureSpec;
import java.util.ArrayList;
import java.util.List;

/** Scoring inputs built for other features than the model was trained on. */
public final class SchemaMismatchException extends IllegalArgumentException {
  public SchemaMismatchException(String message) {
    super(message);
  }

  static SchemaMismatchException of(String what, FeatureSpec expected, FeatureSpec got) {
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    List<String> e = names(expected);
    List<String> g = names(got);
    for (String n : e) {
      if (!g.contains(n)) {
        missing.add(n);
      }
    }
    for (String n : g) {
      if (!e.contains(n)) {
        extra.add(n);
      }
    }
    String detail =
        missing.isEmpty() && extra.isEmpty()
            ? "same names, different version or order"
            : "missing " + missing + ", unexpected " + extra;
    return new SchemaMismatchException(
        what
            + " expects feature schema "
            + expected.version()
            + " ("
            + expected.fingerprint().substring(0, 12)
            + ", "
            + e.size()
            + " inputs) but got "
            + got.version()
            + " ("
            + got.fingerprint().substring(0, 12)
            + ", "
            + g.size()
            + " inputs): "
            + detail
            + ". Rebuild the features with the model's schema or load a model trained on this one.");
  }

  private static List<String> names(FeatureSpec s) {
    List<String> out = new ArrayList<>(s.numeric());
    for (String c : s.categorical()) {
      out.add("cat:" + c);
    }
    return out;
  }
}

package io.qualitywatch.risk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.qualitywatch.risk.features.FeatureRow;
import io.qualitywatch.risk.features.FeatureSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How raw features become the model's columns: the numeric features that varied in training, and
 * one indicator column per categorical level seen at least {@code minLevelCount} times (rarer and
 * unseen levels share an {@code other} column). Fixed at training time and stored with the model,
 * so scoring encodes exactly as training did.
 */
public final class FeatureSchema implements Serializable {
  public static final String OTHER = "__other__";

  private final FeatureSpec spec;
  private final int[] numericIndex;
  private final Map<String, Map<String, Integer>> levels;
  private final List<String> columns;
  private final List<String> groups;

  private FeatureSchema(
      FeatureSpec spec,
      int[] numericIndex,
      Map<String, Map<String, Integer>> levels,
      List<String> columns,
      List<String> groups) {
    this.spec = spec;
    this.numericIndex = numericIndex;
    this.levels = levels;
    this.columns = List.copyOf(columns);
    this.groups = List.copyOf(groups);
  }

  /** Learns the encoding from training rows; numeric features constant in them are dropped. */
  public static FeatureSchema fit(List<FeatureRow> rows, int minLevelCount) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no training rows");
    }
    FeatureSpec spec = rows.get(0).spec();
    List<String> columns = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<Integer> keep = new ArrayList<>();
    for (int j = 0; j < spec.numeric().size(); j++) {
      double first = rows.get(0).numeric()[j];
      boolean varies = false;
      for (FeatureRow r : rows) {
        if (r.numeric()[j] != first) {
          varies = true;
          break;
        }
      }
      if (varies) {
        keep.add(j);
        columns.add(spec.numeric().get(j));
        groups.add(spec.numeric().get(j));
      }
    }
    Map<String, Map<String, Integer>> levels = new LinkedHashMap<>();
    for (int c = 0; c < spec.categorical().size(); c++) {
      String name = spec.categorical().get(c);
      Map<String, Integer> counts = new TreeMap<>();
      for (FeatureRow r : rows) {
        counts.merge(r.categorical()[c], 1, Integer::sum);
      }
      Map<String, Integer> idx = new LinkedHashMap<>();
      boolean rare = false;
      for (var e : counts.entrySet()) {
        if (e.getValue() >= minLevelCount) {
          idx.put(e.getKey(), columns.size());
          columns.add(name + "=" + e.getKey());
          groups.add(name);
        } else {
          rare = true;
        }
      }
      // One level only and nothing rare: the attribute carries no information.
      if (idx.size() + (rare ? 1 : 0) < 2) {
        for (int i = 0; i < idx.size(); i++) {
          columns.remove(columns.size() - 1);
          groups.remove(groups.size() - 1);
        }
        idx.clear();
      } else {
        idx.put(OTHER, columns.size());
        columns.add(name + "=" + OTHER);
        groups.add(name);
      }
      levels.put(name, idx);
    }
    int[] ni = keep.stream().mapToInt(Integer::intValue).toArray();
    return new FeatureSchema(spec, ni, levels, columns, groups);
  }

  public FeatureSpec spec() {
    return spec;
  }

  /** Column names: numeric features, then {@code attribute=level} indicators. */
  public List<String> columns() {
    return columns;
  }

  /** For each column the feature it explains: the numeric name or the categorical attribute. */
  public List<String> groups() {
    return groups;
  }

  /** SHA-256 of the raw spec and the encoded columns: what the registry compares. */
  public String fingerprint() {
    return FeatureSpecs.sha256(spec.fingerprint() + "|" + String.join(",", columns));
  }

  public double[] encode(FeatureRow row) {
    if (!row.spec().equals(spec)) {
      throw SchemaMismatchException.of("this model", spec, row.spec());
    }
    double[] x = new double[columns.size()];
    for (int i = 0; i < numericIndex.length; i++) {
      x[i] = row.numeric()[numericIndex[i]];
    }
    int c = 0;
    for (String name : spec.categorical()) {
      Map<String, Integer> idx = levels.get(name);
      if (!idx.isEmpty()) {
        Integer col = idx.get(row.categorical()[c]);
        x[col != null ? col : idx.get(OTHER)] = 1;
      }
      c++;
    }
    return x;
  }

  public double[][] encode(List<FeatureRow> rows) {
    double[][] x = new double[rows.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = encode(rows.get(i));
    }
    return x;
  }

  /** What the registry writes into the manifest. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", spec.version());
    m.put("spec_fingerprint", spec.fingerprint());
    m.put("fingerprint", fingerprint());
    m.put("numeric", spec.numeric());
    m.put("categorical", spec.categorical());
    m.put("columns", columns);
    return m;
  }

  /** Readable value of a feature group of one row, for explanations. */
  String displayValue(String group, FeatureRow row) {
    int c = spec.categorical().indexOf(group);
    if (c >= 0) {
      return group + "=" + row.categorical()[c];
    }
    double v = row.numeric()[spec.numeric().indexOf(group)];
    return group + "=" + (v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.3g", v));
  }

  static Map<String, Integer> groupIndex(List<String> groups) {
    Map<String, Integer> m = new HashMap<>();
    for (String g : groups) {
      m.putIfAbsent(g, m.size());
    }
    return m;
  }

  @JsonProperty("columns_count")
  int size() {
    return columns.size();
  }
}

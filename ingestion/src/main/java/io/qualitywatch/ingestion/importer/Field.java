package io.qualitywatch.ingestion.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.validation.RejectReason;
import io.qualitywatch.ingestion.validation.RejectedRecordException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A compiled field specification: where the value comes from and what happens to it. */
final class Field {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  final String path;
  private final String column;
  private final List<String> columns;
  private final JsonNode constant;
  private final boolean item;
  private final List<Transform> transforms;
  private final Field fallback;
  private final JsonNode defaultValue;
  private final boolean required;
  private final Map<String, Field> element;
  private final boolean align;

  Field(
      String path,
      String column,
      List<String> columns,
      JsonNode constant,
      boolean item,
      List<Transform> transforms,
      Field fallback,
      JsonNode defaultValue,
      boolean required,
      Map<String, Field> element,
      boolean align) {
    this.path = path;
    this.column = column;
    this.columns = columns;
    this.constant = constant;
    this.item = item;
    this.transforms = List.copyOf(transforms);
    this.fallback = fallback;
    this.defaultValue = defaultValue;
    this.required = required;
    this.element = element;
    this.align = align;
  }

  /** Every column this field (and its fallback and element fields) reads. */
  void collectColumns(Set<String> out) {
    if (column != null) {
      out.add(column);
    }
    if (columns != null) {
      out.addAll(columns);
    }
    if (fallback != null) {
      fallback.collectColumns(out);
    }
    if (element != null) {
      element.values().forEach(f -> f.collectColumns(out));
    }
  }

  /** The value as a JSON node, or null when empty and not required. */
  JsonNode evaluate(Row row) throws RejectedRecordException {
    return toJson(value(row, null, 0));
  }

  /** The raw value (string, list, date, JSON constant), or null. */
  Object value(Row row, String currentItem, int itemIndex) throws RejectedRecordException {
    Object v = source(row, currentItem);
    if (!(v instanceof JsonNode)) {
      for (Transform t : transforms) {
        if (Transform.isEmpty(v)) {
          break;
        }
        v = t.apply(v, path);
      }
    }
    if (Transform.isEmpty(v) && fallback != null) {
      v = fallback.value(row, currentItem, itemIndex);
    }
    if (Transform.isEmpty(v) && defaultValue != null) {
      v = defaultValue;
    }
    if (Transform.isEmpty(v)) {
      if (required) {
        throw Transform.reject(RejectReason.MISSING_FIELD, path, path + " is empty in the record");
      }
      return null;
    }
    if (element != null) {
      return elements(row, v);
    }
    return v;
  }

  private Object source(Row row, String currentItem) {
    if (constant != null) {
      return constant;
    }
    if (item) {
      return currentItem;
    }
    if (column != null) {
      return row.get(column);
    }
    List<String> vs = new ArrayList<>(columns.size());
    for (String c : columns) {
      String s = row.get(c);
      vs.add(s == null ? "" : s);
    }
    return vs;
  }

  /** A list value with {@code element}: one JSON object per list entry. */
  private ArrayNode elements(Row row, Object v) throws RejectedRecordException {
    List<?> items = v instanceof List<?> l ? l : List.of(v);
    ArrayNode out = JSON.arrayNode(items.size());
    Map<Field, Object> alignedValues = new LinkedHashMap<>();
    for (Field f : element.values()) {
      if (f.align) {
        alignedValues.put(f, f.value(row, null, 0));
      }
    }
    for (int i = 0; i < items.size(); i++) {
      String it = String.valueOf(items.get(i));
      ObjectNode o = JSON.objectNode();
      for (Map.Entry<String, Field> e : element.entrySet()) {
        Field f = e.getValue();
        Object ev = f.align ? aligned(alignedValues.get(f), i, items.size()) : f.value(row, it, i);
        JsonNode j = toJson(ev);
        if (j != null) {
          o.set(e.getKey(), j);
        }
      }
      out.add(o);
    }
    return out;
  }

  /**
   * The i-th value of a column split like the list: taken by position when the counts agree;
   * otherwise the whole value stays with the first item (a count mismatch means the pairing is
   * unknown, and repeating the value on every item would invent measurements).
   */
  private static Object aligned(Object v, int i, int n) {
    if (v instanceof List<?> l) {
      if (l.size() == n) {
        return l.get(i);
      }
      return i == 0 && !l.isEmpty()
          ? String.join("、", l.stream().map(String::valueOf).toList())
          : null;
    }
    return i == 0 ? v : null;
  }

  static JsonNode toJson(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof JsonNode j) {
      return j;
    }
    if (v instanceof List<?> l) {
      ArrayNode a = JSON.arrayNode(l.size());
      for (Object o : l) {
        JsonNode j = toJson(o);
        if (j != null) {
          a.add(j);
        }
      }
      return a;
    }
    if (v instanceof LocalDate || v instanceof java.time.Instant) {
      return JSON.textNode(v.toString());
    }
    return JSON.textNode(v.toString());
  }
}

package io.qualitywatch.ingestion.importer;

import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.contract.EventIds;
import io.qualitywatch.ingestion.validation.RejectReason;
import io.qualitywatch.ingestion.validation.RejectedRecordException;
import io.qualitywatch.ingestion.validation.Rejection;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step of a field's transformation chain. Values are {@code String}, {@code List<String>}
 * (after {@code split}), dates, or JSON constants; an empty value (null, blank, empty list) passes
 * through every step unchanged so that {@code fallback}/{@code default} can take over.
 */
interface Transform {
  Object apply(Object value, String field) throws RejectedRecordException;

  static boolean isEmpty(Object v) {
    return v == null
        || (v instanceof String s && s.isBlank())
        || (v instanceof List<?> l && l.isEmpty());
  }

  /** Applies {@code f} to a string, or to every element of a list. */
  static Object each(Object v, StringStep f, String field) throws RejectedRecordException {
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        Object r = o == null ? null : f.apply(o.toString(), field);
        if (!isEmpty(r)) {
          out.add(r);
        }
      }
      return out;
    }
    return f.apply(v.toString(), field);
  }

  @FunctionalInterface
  interface StringStep {
    Object apply(String s, String field) throws RejectedRecordException;
  }

  static RejectedRecordException reject(RejectReason reason, String field, String detail) {
    return new RejectedRecordException(new Rejection(reason, field, detail));
  }

  /** Strips surrounding whitespace, including full-width and no-break spaces. */
  final class Trim implements Transform {
    @Override
    public Object apply(Object v, String field) throws RejectedRecordException {
      return isEmpty(v) ? v : each(v, (s, f) -> trim(s), field);
    }

    static String trim(String s) {
      int b = 0;
      int e = s.length();
      while (b < e && isSpace(s.charAt(b))) {
        b++;
      }
      while (e > b && isSpace(s.charAt(e - 1))) {
        e--;
      }
      return s.substring(b, e);
    }

    private static boolean isSpace(char c) {
      return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }
  }

  /** Parses a date or date-time with the first matching format; none matches → UNPARSEABLE_DATE. */
  final class DateParse implements Transform {
    private final List<DateTimeFormatter> formats = new ArrayList<>();
    private final List<String> patterns;
    private final boolean asInstant;
    private final ZoneId zone;

    DateParse(List<String> patterns, String as, String zone) {
      if (patterns == null || patterns.isEmpty()) {
        throw new MappingException("date: needs a non-empty 'formats' list");
      }
      this.patterns = List.copyOf(patterns);
      for (String p : patterns) {
        try {
          // 'uuuu' instead of 'yyyy' so that STRICT resolution does not demand an era.
          formats.add(
              DateTimeFormatter.ofPattern(p.replace("yyyy", "uuuu"), Locale.ROOT)
                  .withResolverStyle(ResolverStyle.STRICT));
        } catch (IllegalArgumentException e) {
          throw new MappingException("date: bad format '" + p + "': " + e.getMessage());
        }
      }
      String kind = as == null ? "date" : as;
      if (!kind.equals("date") && !kind.equals("instant")) {
        throw new MappingException("date: 'as' must be 'date' or 'instant', got '" + as + "'");
      }
      this.asInstant = kind.equals("instant");
      try {
        this.zone = ZoneId.of(zone == null ? "Asia/Shanghai" : zone);
      } catch (RuntimeException e) {
        throw new MappingException("date: unknown zone '" + zone + "'");
      }
    }

    @Override
    public Object apply(Object v, String field) throws RejectedRecordException {
      return isEmpty(v) ? v : each(v, this::parse, field);
    }

    private Object parse(String s, String field) throws RejectedRecordException {
      String text = Trim.trim(s);
      for (DateTimeFormatter f : formats) {
        try {
          TemporalAccessor t = f.parseBest(text, LocalDateTime::from, LocalDate::from);
          if (t instanceof LocalDateTime dt) {
            return asInstant ? dt.atZone(zone).toInstant() : dt.toLocalDate();
          }
          LocalDate d = (LocalDate) t;
          return asInstant ? (Object) d.atStartOfDay(zone).toInstant() : d;
        } catch (DateTimeParseException | ClassCastException e) {
          // try the next format
        }
      }
      throw reject(
          RejectReason.UNPARSEABLE_DATE,
          field,
          "'" + text + "' matches none of the formats " + patterns);
    }
  }

  /** How a lookup-like step treats a value it has no entry for. */
  enum OnMissing {
    REJECT,
    KEEP,
    NULL;

    static OnMissing parse(String s, OnMissing dflt, String op) {
      if (s == null) {
        return dflt;
      }
      return switch (s) {
        case "reject" -> REJECT;
        case "keep" -> KEEP;
        case "null" -> NULL;
        default ->
            throw new MappingException(
                op + ": on_missing must be reject, keep or null, got '" + s + "'");
      };
    }
  }

  /** Exact-match table, e.g. {@code 合格 → PASS}; a value not in the table is INVALID_VALUE. */
  final class Lookup implements Transform {
    private final Map<String, String> table;
    private final OnMissing onMissing;
    private final String dflt;

    Lookup(Map<String, String> table, OnMissing onMissing, String dflt) {
      this.table = Map.copyOf(table);
      this.onMissing = onMissing;
      this.dflt = dflt;
    }

    @Override
    public Object apply(Object v, String field) throws RejectedRecordException {
      return isEmpty(v) ? v : each(v, this::look, field);
    }

    private Object look(String s, String field) throws RejectedRecordException {
      String hit = table.get(s);
      if (hit != null) {
        return hit;
      }
      if (dflt != null) {
        return dflt;
      }
      return switch (onMissing) {
        case KEEP -> s;
        case NULL -> null;
        case REJECT ->
            throw reject(
                RejectReason.INVALID_VALUE,
                field,
                "'" + s + "' is not one of " + table.keySet().stream().sorted().toList());
      };
    }
  }

  /**
   * A product-category label as published ({@code 调味品-->食醋}) to the catalogue code, through {@link
   * CodeTables#productCategoryForLabel}.
   */
  final class ProductCategoryLabel implements Transform {
    private final Function<String, Optional<String>> lookup;
    private final OnMissing onMissing;

    ProductCategoryLabel(Function<String, Optional<String>> lookup, OnMissing onMissing) {
      this.lookup = lookup;
      this.onMissing = onMissing;
    }

    @Override
    public Object apply(Object v, String field) throws RejectedRecordException {
      return isEmpty(v) ? v : each(v, this::look, field);
    }

    private Object look(String s, String field) throws RejectedRecordException {
      Optional<String> code = lookup.apply(s);
      if (code.isPresent()) {
        return code.get();
      }
      return switch (onMissing) {
        case KEEP -> s;
        case NULL -> null;
        case REJECT ->
            throw reject(
                RejectReason.UNKNOWN_PRODUCT_CATEGORY,
                field,
                "product category label '" + s + "' is not in the catalogue");
      };
    }
  }

  /** Extracts a regex group, e.g. the bureau inside {@code 国内监督抽查(山东市场监管局)}. */
  final class RegexExtract implements Transform {
    private final Pattern pattern;
    private final int group;
    private final String replace;
    private final OnMissing onMissing;

    /**
     * @param replace when set, the result is this template with {@code $1}… expanded from the match
     *     (e.g. {@code foodmate-$1}) instead of the bare group
     */
    RegexExtract(String regex, Integer group, String replace, OnMissing onMissing) {
      if (regex == null) {
        throw new MappingException("regex: needs 'pattern'");
      }
      try {
        this.pattern = Pattern.compile(regex);
      } catch (RuntimeException e) {
        throw new MappingException("regex: bad pattern '" + regex + "': " + e.getMessage());
      }
      int groups = pattern.matcher("").groupCount();
      this.group = group != null ? group : (groups > 0 ? 1 : 0);
      if (this.group > groups) {
        throw new MappingException("regex: pattern '" + regex + "' has no group " + this.group);
      }
      this.replace = replace;
      this.onMissing = onMissing;
    }

    @Override
    public Object apply(Object v, String field) throws RejectedRecordException {
      return isEmpty(v) ? v : each(v, this::extract, field);
    }

    private Object extract(String s, String field) throws RejectedRecordException {
      Matcher m = pattern.matcher(s);
      if (m.find()) {
        if (replace == null) {
          return m.group(group);
        }
        // appendReplacement copies the text before the match first; keep only the expansion.
        StringBuilder sb = new StringBuilder();
        m.appendReplacement(sb, replace);
        return sb.substring(m.start());
      }
      return switch (onMissing) {
        case KEEP -> s;
        case NULL -> null;
        case REJECT ->
            throw reject(
                RejectReason.INVALID_VALUE, field, "'" + s + "' does not match " + pattern);
      };
    }
  }

  /**
   * Splits on any of the separators, but not inside brackets: {@code 大肠菌群（n=5,c=2）、霉菌} is two
   * items, not four. Pieces are trimmed; empty pieces are dropped.
   */
  final class Split implements Transform {
    private final List<String> separators;

    Split(List<String> separators) {
      if (separators == null || separators.isEmpty() || separators.contains("")) {
        throw new MappingException("split: needs a non-empty 'separators' list");
      }
      this.separators = List.copyOf(separators);
    }

    @Override
    public Object apply(Object v, String field) {
      if (isEmpty(v)) {
        return v;
      }
      if (v instanceof List<?> list) {
        List<String> out = new ArrayList<>();
        for (Object o : list) {
          out.addAll(split(String.valueOf(o)));
        }
        return out;
      }
      return split(v.toString());
    }

    List<String> split(String s) {
      List<String> out = new ArrayList<>();
      int depth = 0;
      int start = 0;
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (isOpen(c)) {
          depth++;
        } else if (isClose(c) && depth > 0) {
          depth--;
        } else if (depth == 0) {
          String sep = separatorAt(s, i);
          if (sep != null) {
            add(out, s.substring(start, i));
            i += sep.length();
            start = i;
            continue;
          }
        }
        i++;
      }
      add(out, s.substring(start));
      return out;
    }

    private String separatorAt(String s, int i) {
      for (String sep : separators) {
        if (s.startsWith(sep, i)) {
          return sep;
        }
      }
      return null;
    }

    private static void add(List<String> out, String piece) {
      String t = Trim.trim(piece);
      if (!t.isEmpty()) {
        out.add(t);
      }
    }

    private static boolean isOpen(char c) {
      return c == '(' || c == '（' || c == '[' || c == '［' || c == '【' || c == '〔' || c == '﹙';
    }

    private static boolean isClose(char c) {
      return c == ')' || c == '）' || c == ']' || c == '］' || c == '】' || c == '〕' || c == '﹚';
    }
  }

  /**
   * A stable identifier from content: SHA-256 over the value (a list's elements joined with U+001F,
   * which cannot occur in a CSV field by accident), as {@code prefix + hex}.
   */
  final class Hash implements Transform {
    private final String prefix;
    private final int hexChars;

    Hash(String prefix, Integer length) {
      this.prefix = prefix == null ? "" : prefix;
      this.hexChars = length == null ? 20 : length;
      if (hexChars < 8 || hexChars > 64 || hexChars % 2 != 0) {
        throw new MappingException("hash: length must be an even number from 8 to 64");
      }
    }

    @Override
    public Object apply(Object v, String field) {
      String material;
      if (v instanceof List<?> list) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            sb.append('\u001f');
          }
          Object o = list.get(i);
          sb.append(o == null ? "" : o.toString());
        }
        material = sb.toString();
      } else {
        material = v == null ? "" : v.toString();
      }
      return prefix + EventIds.hash(material, hexChars / 2);
    }
  }

  /**
   * Classifies free text by keywords: the first rule with a keyword contained in the value (both
   * compared after NFKC and upper-casing, so {@code Ｐｂ} and {@code pb} match {@code PB}) wins;
   * otherwise the default. Used for hazard classes of failed test items.
   */
  final class Keywords implements Transform {
    private final List<String> values = new ArrayList<>();
    private final List<List<String>> keywords = new ArrayList<>();
    private final String dflt;

    Keywords(List<MappingSpec.KeywordRuleSpec> rules, String dflt) {
      if (rules == null || rules.isEmpty()) {
        throw new MappingException("keywords: needs 'rules' (inline or from 'table')");
      }
      for (MappingSpec.KeywordRuleSpec r : rules) {
        if (r.value() == null || r.contains() == null || r.contains().isEmpty()) {
          throw new MappingException("keywords: every rule needs 'value' and 'contains'");
        }
        values.add(r.value());
        keywords.add(r.contains().stream().map(Keywords::fold).toList());
      }
      this.dflt = dflt;
    }

    @Override
    public Object apply(Object v, String field) throws RejectedRecordException {
      return isEmpty(v) ? v : each(v, (s, f) -> classify(s), field);
    }

    String classify(String s) {
      String text = fold(s);
      for (int i = 0; i < values.size(); i++) {
        for (String k : keywords.get(i)) {
          if (text.contains(k)) {
            return values.get(i);
          }
        }
      }
      return dflt;
    }

    static String fold(String s) {
      return Normalizer.normalize(s, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
    }
  }
}

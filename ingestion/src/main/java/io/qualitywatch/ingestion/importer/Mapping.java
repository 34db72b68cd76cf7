package io.qualitywatch.ingestion.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.contract.EventType;
import io.qualitywatch.ingestion.importer.MappingSpec.FieldSpec;
import io.qualitywatch.ingestion.importer.MappingSpec.KeywordTableSpec;
import io.qualitywatch.ingestion.importer.MappingSpec.SubjectSpec;
import io.qualitywatch.ingestion.importer.MappingSpec.TransformSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A compiled mapping file: how to read an input file and turn each record into contract events.
 * Load one with {@link #load(String)} (a built-in name such as {@code cn-sampling}, or a path to a
 * JSON file); the format is documented in {@code docs/ingestion.md}.
 */
public final class Mapping {
  /** The mappings shipped under {@code mappings/} on the classpath. */
  public static final List<String> BUILT_IN = List.of("envelopes", "cn-sampling", "jjy");

  /** The default: JSON lines of contract envelopes. */
  public static final String DEFAULT = "envelopes";

  private static final ObjectMapper SPEC_READER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  /** Input file formats. */
  public enum Format {
    CSV,
    JSONL
  }

  /** A party of the record: its name (and optionally role and credit code). */
  record Subject(Field name, Field role, Field creditCode) {}

  private final String name;
  private final String origin;
  private final Format format;
  private final Charset charset;
  private final char delimiter;
  private final Character quote;
  private final boolean header;
  private final List<String> columns;
  private final EventType eventType;
  private final String sourceSystem;
  private final Map<String, Field> envelope;
  private final Map<String, Field> payload;
  private final List<Subject> subjects;
  private final String roleField;
  private final String otherPartyField;
  private final Field regionHint;
  private final Set<String> placeholders;

  private Mapping(MappingSpec spec, String origin, TableSource tables, CategoryLookup categories) {
    this.origin = origin;
    this.name = spec.name() != null ? spec.name() : origin;
    MappingSpec.InputSpec in = spec.input();
    if (in == null || in.format() == null) {
      throw new MappingException(origin + ": 'input.format' is required (csv or jsonl)");
    }
    try {
      this.format = Format.valueOf(in.format().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MappingException(
          origin + ": input.format must be csv or jsonl, got '" + in.format() + "'");
    }
    try {
      this.charset = Charset.forName(in.charset() == null ? "UTF-8" : in.charset());
    } catch (RuntimeException e) {
      throw new MappingException(origin + ": unknown charset '" + in.charset() + "'");
    }
    this.delimiter = singleChar(in.delimiter(), ',', "input.delimiter");
    this.quote =
        in.quote() != null && in.quote().isEmpty()
            ? null
            : singleChar(in.quote(), '"', "input.quote");
    this.header = in.header() == null || in.header();
    this.columns = in.columns() == null ? List.of() : List.copyOf(in.columns());
    if (!header && columns.isEmpty() && format == Format.CSV) {
      throw new MappingException(origin + ": input.header is false, so input.columns is required");
    }

    if (format == Format.JSONL) {
      // Envelopes carry their own type and fields; nothing else applies.
      this.eventType = null;
      this.sourceSystem = null;
      this.envelope = Map.of();
      this.payload = Map.of();
      this.subjects = List.of();
      this.roleField = null;
      this.otherPartyField = null;
      this.regionHint = null;
      this.placeholders = Set.of();
      return;
    }
    if (spec.eventType() == null) {
      throw new MappingException(origin + ": 'event_type' is required for csv input");
    }
    try {
      this.eventType = EventType.fromWireName(spec.eventType());
    } catch (IllegalArgumentException e) {
      throw new MappingException(origin + ": " + e.getMessage());
    }
    this.sourceSystem = spec.sourceSystem() != null ? spec.sourceSystem() : "file-import";
    Compiler c = new Compiler(origin, spec, tables, categories);
    // Paths as the validator names fields (event_time, payload.batch_id), so a dead letter names
    // the field the same way whichever check failed.
    this.envelope = c.fields("", spec.envelope());
    this.payload = c.fields("payload.", spec.payload());
    for (String k : envelope.keySet()) {
      if (Set.of("type", "schema", "event_id", "source", "payload").contains(k)) {
        throw new MappingException(
            origin + ": envelope field " + k + " is set by the importer and cannot be mapped");
      }
    }
    List<Subject> subs = new ArrayList<>();
    if (spec.subjects() != null) {
      for (int i = 0; i < spec.subjects().size(); i++) {
        SubjectSpec s = spec.subjects().get(i);
        String p = "subjects[" + i + "]";
        if (s.name() == null && s.creditCode() == null) {
          throw new MappingException(origin + ": " + p + " needs 'name' or 'credit_code'");
        }
        subs.add(
            new Subject(
                c.field(p + ".name", s.name()),
                c.field(p + ".role", s.role()),
                c.field(p + ".credit_code", s.creditCode())));
      }
    }
    if (subs.isEmpty() && eventType.subjectIsEntity()) {
      throw new MappingException(
          origin + ": 'subjects' is required: " + eventType.wireName() + " events have a subject");
    }
    this.subjects = List.copyOf(subs);
    this.roleField = spec.roleField() != null ? spec.roleField() : "role";
    this.otherPartyField = spec.otherPartyField();
    this.regionHint = c.field("region_hint", spec.regionHint());
    this.placeholders = spec.placeholders() == null ? Set.of() : Set.copyOf(spec.placeholders());
  }

  // ---------------------------------------------------------------- loading

  /** The default mapping: JSON lines of envelopes. */
  public static Mapping envelopes() {
    return load(DEFAULT);
  }

  /**
   * A built-in mapping by name ({@link #BUILT_IN}) or a mapping file by path. A path's keyword
   * tables are looked up next to it ({@code tables/<name>.json}), then among the built-in ones.
   */
  public static Mapping load(String nameOrPath) {
    return load(nameOrPath, CodeTables.get()::productCategoryForLabel);
  }

  static Mapping load(String nameOrPath, CategoryLookup categories) {
    if (nameOrPath == null || nameOrPath.isBlank()) {
      throw new MappingException("no mapping given");
    }
    Path path = Path.of(nameOrPath);
    boolean looksLikePath =
        nameOrPath.endsWith(".json") || nameOrPath.contains("/") || nameOrPath.contains("\\");
    if (looksLikePath || Files.exists(path)) {
      if (!Files.isRegularFile(path)) {
        throw new MappingException("mapping file " + nameOrPath + " does not exist");
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(path);
      } catch (IOException e) {
        throw new MappingException(
            "cannot read mapping file " + nameOrPath + ": " + e.getMessage());
      }
      Path dir = path.toAbsolutePath().getParent();
      return parse(bytes, nameOrPath, new TableSource(dir), categories);
    }
    String resource = "mappings/" + nameOrPath + ".json";
    byte[] bytes = readResource(resource);
    if (bytes == null) {
      throw new MappingException(
          "unknown mapping '"
              + nameOrPath
              + "': not a file and not a built-in mapping "
              + BUILT_IN);
    }
    return parse(bytes, nameOrPath, new TableSource(null), categories);
  }

  private static Mapping parse(
      byte[] bytes, String origin, TableSource tables, CategoryLookup categories) {
    MappingSpec spec;
    try {
      spec = SPEC_READER.readValue(bytes, MappingSpec.class);
    } catch (JsonProcessingException e) {
      throw new MappingException(
          "mapping "
              + origin
              + " is not a valid mapping file: "
              + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new MappingException("cannot read mapping " + origin + ": " + e.getMessage());
    }
    if (spec == null) {
      throw new MappingException("mapping " + origin + " is empty");
    }
    return new Mapping(spec, origin, tables, categories);
  }

  static byte[] readResource(String resource) {
    try (InputStream in = Mapping.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new MappingException("cannot read " + resource + ": " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- accessors

  public String name() {
    return name;
  }

  public Format format() {
    return format;
  }

  public Charset charset() {
    return charset;
  }

  public char delimiter() {
    return delimiter;
  }

  /** The quote character, or null when the dialect has no quoting. */
  public Character quote() {
    return quote;
  }

  public boolean hasHeader() {
    return header;
  }

  /** Column names when the file has no header line. */
  public List<String> columns() {
    return columns;
  }

  /** The event type a CSV mapping produces; null for JSON lines (each line says its type). */
  public EventType eventType() {
    return eventType;
  }

  public String sourceSystem() {
    return sourceSystem;
  }

  Map<String, Field> envelopeFields() {
    return envelope;
  }

  Map<String, Field> payloadFields() {
    return payload;
  }

  List<Subject> subjects() {
    return subjects;
  }

  String roleField() {
    return roleField;
  }

  String otherPartyField() {
    return otherPartyField;
  }

  Field regionHint() {
    return regionHint;
  }

  /** True when the value names no party: the registry's placeholders plus this mapping's own. */
  boolean isPlaceholder(String name) {
    return io.qualitywatch.ingestion.resolve.NameNormalizer.isPlaceholder(name)
        || placeholders.contains(Transform.Trim.trim(name));
  }

  /** Every column the mapping reads. */
  public Set<String> requiredColumns() {
    Set<String> out = new TreeSet<>();
    envelope.values().forEach(f -> f.collectColumns(out));
    payload.values().forEach(f -> f.collectColumns(out));
    for (Subject s : subjects) {
      for (Field f : new Field[] {s.name(), s.role(), s.creditCode()}) {
        if (f != null) {
          f.collectColumns(out);
        }
      }
    }
    if (regionHint != null) {
      regionHint.collectColumns(out);
    }
    return out;
  }

  /**
   * Fails with the missing column names when the file's header lacks a column the mapping reads.
   */
  public void checkHeader(List<String> fileHeader, String file) {
    Set<String> missing = new LinkedHashSet<>(requiredColumns());
    missing.removeAll(new HashSet<>(fileHeader));
    if (!missing.isEmpty()) {
      throw new MappingException(
          "mapping "
              + name
              + " reads column(s) "
              + missing
              + " that "
              + file
              + " does not have; its header is "
              + fileHeader);
    }
  }

  @Override
  public String toString() {
    return "mapping " + name + " (" + origin + ")";
  }

  private char singleChar(String s, char dflt, String key) {
    if (s == null) {
      return dflt;
    }
    String v = s.equals("\\t") ? "\t" : s;
    if (v.length() != 1) {
      throw new MappingException(origin + ": " + key + " must be one character, got '" + s + "'");
    }
    return v.charAt(0);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int cut = s.indexOf('\n');
    return cut > 0 ? s.substring(0, cut) : s;
  }

  /**
   * Product-category label → catalogue code; {@link CodeTables#productCategoryForLabel} by default.
   */
  @FunctionalInterface
  interface CategoryLookup extends Function<String, Optional<String>> {}

  /** Finds keyword tables: next to a mapping file first, then on the classpath. */
  private record TableSource(Path dir) {
    KeywordTableSpec keywords(String tableName, String origin) {
      byte[] bytes = null;
      String where = null;
      if (dir != null) {
        Path p = dir.resolve("tables").resolve(tableName + ".json");
        if (Files.isRegularFile(p)) {
          try {
            bytes = Files.readAllBytes(p);
            where = p.toString();
          } catch (IOException e) {
            throw new MappingException("cannot read table " + p + ": " + e.getMessage());
          }
        }
      }
      if (bytes == null) {
        where = "mappings/tables/" + tableName + ".json";
        bytes = readResource(where);
      }
      if (bytes == null) {
        throw new MappingException(origin + ": unknown keyword table '" + tableName + "'");
      }
      try {
        return SPEC_READER.readValue(bytes, KeywordTableSpec.class);
      } catch (IOException e) {
        throw new MappingException(
            "keyword table " + where + " is invalid: " + firstLine(e.getMessage()));
      }
    }
  }

  /** Turns specs into {@link Field}s, checking every key as it goes. */
  private static final class Compiler {
    private final String origin;
    private final MappingSpec spec;
    private final TableSource tables;
    private final CategoryLookup categories;
    private final Map<String, Transform.Keywords> keywordCache = new LinkedHashMap<>();

    Compiler(String origin, MappingSpec spec, TableSource tables, CategoryLookup categories) {
      this.origin = origin;
      this.spec = spec;
      this.tables = tables;
      this.categories = categories;
    }

    Map<String, Field> fields(String section, Map<String, FieldSpec> specs) {
      if (specs == null) {
        return Map.of();
      }
      Map<String, Field> out = new LinkedHashMap<>();
      specs.forEach((k, v) -> out.put(k, field(section + k, v)));
      return Collections.unmodifiableMap(out);
    }

    Field field(String path, FieldSpec s) {
      if (s == null) {
        return null;
      }
      int sources =
          (s.column() != null ? 1 : 0)
              + (s.columns() != null ? 1 : 0)
              + (s.constant() != null ? 1 : 0)
              + (Boolean.TRUE.equals(s.item()) ? 1 : 0);
      if (sources != 1) {
        throw new MappingException(
            origin
                + ": "
                + path
                + " needs exactly one of 'column', 'columns', 'constant', 'item' (has "
                + sources
                + ")");
      }
      if (s.columns() != null && s.columns().isEmpty()) {
        throw new MappingException(origin + ": " + path + ".columns is empty");
      }
      List<Transform> ts = new ArrayList<>();
      if (s.transforms() != null) {
        for (int i = 0; i < s.transforms().size(); i++) {
          ts.add(transform(path + ".transforms[" + i + "]", s.transforms().get(i)));
        }
      }
      Map<String, Field> element = null;
      if (s.element() != null) {
        element = new LinkedHashMap<>();
        for (Map.Entry<String, FieldSpec> e : s.element().entrySet()) {
          element.put(e.getKey(), field(path + "[]." + e.getKey(), e.getValue()));
        }
      }
      return new Field(
          path,
          s.column(),
          s.columns() == null ? null : List.copyOf(s.columns()),
          s.constant(),
          Boolean.TRUE.equals(s.item()),
          ts,
          field(path + ".fallback", s.fallback()),
          s.defaultValue(),
          Boolean.TRUE.equals(s.required()),
          element,
          Boolean.TRUE.equals(s.align()));
    }

    private Transform transform(String path, TransformSpec t) {
      if (t.op() == null) {
        throw new MappingException(origin + ": " + path + " needs 'op'");
      }
      try {
        return switch (t.op()) {
          case "trim" -> new Transform.Trim();
          case "date" -> new Transform.DateParse(t.formats(), t.as(), t.zone());
          case "lookup" -> lookup(t);
          case "product_category" ->
              new Transform.ProductCategoryLabel(
                  categories,
                  Transform.OnMissing.parse(
                      t.onMissing(), Transform.OnMissing.REJECT, "product_category"));
          case "regex" ->
              new Transform.RegexExtract(
                  t.pattern(),
                  t.group(),
                  t.replace(),
                  Transform.OnMissing.parse(t.onMissing(), Transform.OnMissing.NULL, "regex"));
          case "split" -> new Transform.Split(t.separators());
          case "hash" -> new Transform.Hash(t.prefix(), t.length());
          case "keywords" -> keywords(t);
          default ->
              throw new MappingException(
                  "unknown op '"
                      + t.op()
                      + "'; known: trim, date, lookup, product_category, regex, split, hash,"
                      + " keywords");
        };
      } catch (MappingException e) {
        throw new MappingException(origin + ": " + path + ": " + e.getMessage());
      }
    }

    private Transform lookup(TransformSpec t) {
      Map<String, String> table;
      if (t.values() != null) {
        table = t.values();
      } else if (t.table() != null) {
        Map<String, Map<String, String>> all = spec.lookupTables();
        table = all == null ? null : all.get(t.table());
        if (table == null) {
          throw new MappingException("lookup table '" + t.table() + "' is not in lookup_tables");
        }
      } else {
        throw new MappingException("lookup needs 'values' or 'table'");
      }
      return new Transform.Lookup(
          table,
          Transform.OnMissing.parse(t.onMissing(), Transform.OnMissing.REJECT, "lookup"),
          t.defaultValue());
    }

    private Transform keywords(TransformSpec t) {
      if (t.rules() != null) {
        return new Transform.Keywords(t.rules(), t.defaultValue());
      }
      if (t.table() == null) {
        throw new MappingException("keywords needs 'rules' or 'table'");
      }
      Transform.Keywords cached = keywordCache.get(t.table() + "|" + t.defaultValue());
      if (cached != null) {
        return cached;
      }
      KeywordTableSpec table =
          spec.keywordTables() != null && spec.keywordTables().containsKey(t.table())
              ? spec.keywordTables().get(t.table())
              : tables.keywords(t.table(), origin);
      Transform.Keywords k =
          new Transform.Keywords(
              table.rules(), t.defaultValue() != null ? t.defaultValue() : table.defaultValue());
      keywordCache.put(t.table() + "|" + t.defaultValue(), k);
      return k;
    }
  }
}

package io.qualitywatch.ingestion.importer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a mapping file, exactly as written; {@link Mapping} checks and compiles it.
 * Unknown keys are rejected, so a typo in a mapping fails when it is loaded. The format is
 * documented in {@code docs/ingestion.md}.
 */
record MappingSpec(
    String name,
    String description,
    String comment,
    InputSpec input,
    @JsonProperty("event_type") String eventType,
    @JsonProperty("source_system") String sourceSystem,
    Map<String, FieldSpec> envelope,
    Map<String, FieldSpec> payload,
    List<SubjectSpec> subjects,
    @JsonProperty("role_field") String roleField,
    @JsonProperty("other_party_field") String otherPartyField,
    @JsonProperty("region_hint") FieldSpec regionHint,
    List<String> placeholders,
    @JsonProperty("lookup_tables") Map<String, Map<String, String>> lookupTables,
    @JsonProperty("keyword_tables") Map<String, KeywordTableSpec> keywordTables) {

  /** How to read the file. */
  record InputSpec(
      String format,
      String charset,
      String delimiter,
      String quote,
      Boolean header,
      List<String> columns,
      String comment) {}

  /**
   * Where one contract field's value comes from: exactly one of {@code column}, {@code columns},
   * {@code constant} or {@code item}, then {@code transforms} in order; {@code fallback} is used
   * when the value is empty, then {@code default}.
   */
  record FieldSpec(
      String column,
      List<String> columns,
      JsonNode constant,
      Boolean item,
      List<TransformSpec> transforms,
      FieldSpec fallback,
      @JsonProperty("default") JsonNode defaultValue,
      Boolean required,
      Map<String, FieldSpec> element,
      Boolean align,
      String comment) {}

  /** One step of the fixed transformation set; which keys apply depends on {@code op}. */
  record TransformSpec(
      String op,
      List<String> formats,
      String as,
      String zone,
      String table,
      Map<String, String> values,
      @JsonProperty("on_missing") String onMissing,
      String pattern,
      Integer group,
      String replace,
      List<String> separators,
      String prefix,
      Integer length,
      List<KeywordRuleSpec> rules,
      @JsonProperty("default") String defaultValue,
      String comment) {}

  /** A party the record is about; each named party becomes one event. */
  record SubjectSpec(
      FieldSpec name,
      FieldSpec role,
      @JsonProperty("credit_code") FieldSpec creditCode,
      String comment) {}

  /** Rules tried in order; the first whose keyword occurs in the value gives the result. */
  record KeywordTableSpec(
      String description,
      List<KeywordRuleSpec> rules,
      @JsonProperty("default") String defaultValue) {}

  record KeywordRuleSpec(String value, List<String> contains, String comment) {}
}

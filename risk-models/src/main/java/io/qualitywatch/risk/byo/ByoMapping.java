package io.qualitywatch.risk.byo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Which columns of a jurisdiction's export mean what. Format and an example in docs/models.md.
 * Unknown keys are errors, so a typo does not silently drop a column.
 */
public record ByoMapping(Inspections inspections, Complaints complaints, Split split) {

  /**
   * @param id inspection id column (optional: the line number is used when absent)
   * @param entity establishment id column (licence number, credit code, or a name)
   * @param date date column; {@code dateFormat} a java.time pattern, default ISO {@code
   *     yyyy-MM-dd}; a time after the date (ISO {@code T} or a space) is ignored
   * @param result outcome column; {@code fail} lists its failing values, {@code pass} the passing
   *     ones (when absent, every other value passes); rows matching neither are skipped and counted
   * @param attributes feature name → column, for categorical facts known before the inspection
   *     (facility type, risk category, district, inspection type...)
   * @param recheck optional: a column and the values that mark a re-inspection
   * @param filter optional: column → accepted values; other rows are ignored entirely
   * @param missingEntity optional: values of the entity column that name no establishment (e.g.
   *     {@code /}, {@code 无}, {@code 不详}); such rows, and rows with an empty entity, are skipped
   *     and counted. Without it an empty entity is an error, as it usually means a wrong column.
   * @param collapseBy optional: columns that, with entity and date, identify one inspection when an
   *     export has one row per tested item (a sample tested for several substances); such rows
   *     become one inspection that fails if any of its rows fails
   * @param namesIgnoreWhitespace optional: remove every whitespace character (line breaks,
   *     ideographic spaces) inside the entity and {@code collapse_by} values; for CJK names, where
   *     a space is never part of the name but scraped pages wrap lines inside it
   */
  public record Inspections(
      String id,
      String entity,
      String date,
      @JsonProperty("date_format") String dateFormat,
      String result,
      List<String> fail,
      List<String> pass,
      Map<String, String> attributes,
      ColumnValues recheck,
      Map<String, List<String>> filter,
      String delimiter,
      @JsonProperty("missing_entity") List<String> missingEntity,
      @JsonProperty("collapse_by") List<String> collapseBy,
      @JsonProperty("names_ignore_whitespace") boolean namesIgnoreWhitespace) {}

  /** Complaints per establishment: {@code report} optional, values of {@code kind} meaning 举报. */
  public record Complaints(
      String entity,
      String date,
      @JsonProperty("date_format") String dateFormat,
      ColumnValues report,
      String delimiter) {}

  public record ColumnValues(String column, List<String> values) {}

  /**
   * Optional fixed split dates (ISO); default: the last 25 % of inspections test, 15 % before
   * validation.
   */
  public record Split(
      @JsonProperty("validation_from") String validationFrom,
      @JsonProperty("test_from") String testFrom) {}

  private static final ObjectMapper READER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public static ByoMapping load(Path file) throws ByoException {
    ByoMapping m;
    try {
      m = READER.readValue(Files.readAllBytes(file), ByoMapping.class);
    } catch (IOException e) {
      throw new ByoException(
          "mapping " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (m.inspections() == null) {
      throw new ByoException("mapping " + file + ": \"inspections\" is required");
    }
    Inspections i = m.inspections();
    require(i.entity(), "inspections.entity", file);
    require(i.date(), "inspections.date", file);
    require(i.result(), "inspections.result", file);
    if (i.fail() == null || i.fail().isEmpty()) {
      throw new ByoException("mapping " + file + ": inspections.fail must list the failing values");
    }
    if (m.complaints() != null) {
      require(m.complaints().entity(), "complaints.entity", file);
      require(m.complaints().date(), "complaints.date", file);
    }
    return m;
  }

  private static void require(String v, String what, Path file) throws ByoException {
    if (v == null || v.isBlank()) {
      throw new ByoException("mapping " + file + ": " + what + " (a column name) is required");
    }
  }
}

package io.qualitywatch.risk.byo;

import io.qualitywatch.risk.features.HistoryEvent;
import io.qualitywatch.risk.features.HistoryKind;
import io.qualitywatch.risk.features.Target;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A jurisdiction's inspection history (and optionally complaints) read through a {@link
 * ByoMapping}: every inspection is a target and, for later ones, history (a failure as {@link
 * HistoryKind#SAMPLING_FAIL_MAJOR}, a pass as {@link HistoryKind#SAMPLING_PASS}, so the rules score
 * weighs them as it would a sampling result); complaints are history only. Dates are calendar days,
 * taken as UTC midnight.
 */
public record ByoData(
    List<Target> targets,
    List<HistoryEvent> events,
    List<String> attributes,
    Map<String, LocalDate> dates,
    Counts counts,
    int complaints) {

  /**
   * What happened to every data row of the inspections file: {@code rows} = {@code inspections} +
   * {@code collapsed} + {@code skippedResults} + {@code missingEntity} + {@code duplicateIds} +
   * {@code filtered}.
   *
   * @param collapsed rows merged into an earlier row's inspection by {@code collapse_by}
   */
  public record Counts(
      int rows,
      int inspections,
      int failed,
      int collapsed,
      int skippedResults,
      int missingEntity,
      int duplicateIds,
      int filtered) {}

  /** One inspection while rows are still being merged into it. */
  private static final class Pending {
    final String id;
    final String entity;
    final LocalDate date;
    final Map<String, String> attrs;
    int label;
    boolean recheck;

    Pending(String id, String entity, LocalDate date, Map<String, String> attrs) {
      this.id = id;
      this.entity = entity;
      this.date = date;
      this.attrs = attrs;
    }
  }

  public static ByoData read(Path inspections, Path complaintsFile, ByoMapping m)
      throws ByoException, IOException {
    ByoMapping.Inspections im = m.inspections();
    DateTimeFormatter fmt = formatter(im.dateFormat(), "inspections.date_format");
    List<String> attrNames =
        im.attributes() == null ? List.of() : List.copyOf(im.attributes().keySet());
    Set<String> fail = new HashSet<>(im.fail());
    Set<String> pass = im.pass() == null ? null : new HashSet<>(im.pass());
    Set<String> recheckValues =
        im.recheck() == null ? Set.of() : new HashSet<>(im.recheck().values());
    Set<String> noEntity = im.missingEntity() == null ? null : new HashSet<>();
    if (noEntity != null) {
      im.missingEntity().forEach(v -> noEntity.add(name(v, im)));
      noEntity.add("");
    }
    List<String> collapseBy = im.collapseBy() == null ? List.of() : im.collapseBy();
    Set<String> ids = new HashSet<>();
    Map<List<String>, Pending> byKey = new LinkedHashMap<>();
    List<Pending> pending = new ArrayList<>();
    int rows = 0;
    int skipped = 0;
    int filtered = 0;
    int missingEntity = 0;
    int duplicateIds = 0;
    int collapsed = 0;
    try (CSVParser p = open(inspections, im.delimiter())) {
      Map<String, Integer> header = p.getHeaderMap();
      List<String> need = new ArrayList<>();
      need.add(im.entity());
      need.add(im.date());
      need.add(im.result());
      if (im.id() != null) {
        need.add(im.id());
      }
      if (im.attributes() != null) {
        need.addAll(im.attributes().values());
      }
      if (im.recheck() != null) {
        need.add(im.recheck().column());
      }
      if (im.filter() != null) {
        need.addAll(im.filter().keySet());
      }
      need.addAll(collapseBy);
      checkColumns(inspections, header, need);
      for (CSVRecord r : p) {
        rows++;
        long line = r.getParser().getCurrentLineNumber();
        if (im.filter() != null && !accepted(r, im.filter())) {
          filtered++;
          continue;
        }
        String entity = name(r.get(im.entity()), im);
        if (noEntity != null && noEntity.contains(entity)) {
          missingEntity++;
          continue;
        }
        if (entity.isEmpty()) {
          throw new ByoException(
              inspections
                  + " line "
                  + line
                  + ": empty establishment id in column '"
                  + im.entity()
                  + "' (list placeholder values in inspections.missing_entity to skip such rows)");
        }
        LocalDate date =
            parse(r.get(im.date()), fmt, im.date(), im.dateFormat(), inspections, line);
        String result = r.get(im.result()).strip();
        int label;
        if (fail.contains(result)) {
          label = 1;
        } else if (pass == null || pass.contains(result)) {
          label = 0;
        } else {
          skipped++;
          continue;
        }
        String id = im.id() == null ? "line-" + line : r.get(im.id()).strip();
        if (!ids.add(id)) {
          // Duplicate ids: keep the first, as a re-export of one inspection is not a second one.
          duplicateIds++;
          continue;
        }
        boolean recheck =
            im.recheck() != null && recheckValues.contains(r.get(im.recheck().column()).strip());
        Pending insp = null;
        if (!collapseBy.isEmpty()) {
          List<String> key = new ArrayList<>(collapseBy.size() + 2);
          key.add(entity);
          key.add(date.toString());
          for (String c : collapseBy) {
            key.add(name(r.get(c), im));
          }
          insp = byKey.get(key);
          if (insp == null) {
            insp = new Pending(id, entity, date, attributes(r, im));
            byKey.put(key, insp);
            pending.add(insp);
          } else {
            collapsed++;
          }
        } else {
          insp = new Pending(id, entity, date, attributes(r, im));
          pending.add(insp);
        }
        insp.label = Math.max(insp.label, label);
        insp.recheck |= recheck;
      }
    }
    List<Target> targets = new ArrayList<>(pending.size());
    List<HistoryEvent> events = new ArrayList<>();
    Map<String, LocalDate> dates = new HashMap<>();
    int failed = 0;
    for (Pending i : pending) {
      long t = millis(i.date);
      targets.add(new Target(i.id, i.entity, t, i.label, i.attrs, i.recheck));
      events.add(
          new HistoryEvent(
              i.entity,
              t,
              i.label == 1 ? HistoryKind.SAMPLING_FAIL_MAJOR : HistoryKind.SAMPLING_PASS));
      dates.put(i.id, i.date);
      failed += i.label;
    }
    if (targets.isEmpty()) {
      throw new ByoException(
          inspections
              + ": no inspection has a result in inspections.fail "
              + im.fail()
              + (pass == null ? "" : " or inspections.pass " + pass)
              + " ("
              + skipped
              + " rows had other results)");
    }
    int nComplaints = 0;
    if (complaintsFile != null) {
      ByoMapping.Complaints cm = m.complaints();
      if (cm == null) {
        throw new ByoException("--complaints given but the mapping has no \"complaints\" section");
      }
      DateTimeFormatter cf = formatter(cm.dateFormat(), "complaints.date_format");
      Set<String> reports = cm.report() == null ? Set.of() : new HashSet<>(cm.report().values());
      try (CSVParser p = open(complaintsFile, cm.delimiter())) {
        List<String> need = new ArrayList<>(List.of(cm.entity(), cm.date()));
        if (cm.report() != null) {
          need.add(cm.report().column());
        }
        checkColumns(complaintsFile, p.getHeaderMap(), need);
        for (CSVRecord r : p) {
          long line = r.getParser().getCurrentLineNumber();
          String entity = r.get(cm.entity()).strip();
          if (entity.isEmpty()) {
            continue;
          }
          LocalDate d =
              parse(r.get(cm.date()), cf, cm.date(), cm.dateFormat(), complaintsFile, line);
          boolean report =
              cm.report() != null && reports.contains(r.get(cm.report().column()).strip());
          events.add(
              new HistoryEvent(
                  entity, millis(d), report ? HistoryKind.REPORT : HistoryKind.COMPLAINT));
          nComplaints++;
        }
      }
    }
    Counts counts =
        new Counts(
            rows,
            targets.size(),
            failed,
            collapsed,
            skipped,
            missingEntity,
            duplicateIds,
            filtered);
    return new ByoData(targets, events, attrNames, dates, counts, nComplaints);
  }

  private static final java.util.regex.Pattern WHITESPACE =
      java.util.regex.Pattern.compile("[\\s\\p{Z}]+");

  /** An entity or collapse key: stripped of (Unicode) whitespace at the ends, or everywhere. */
  private static String name(String raw, ByoMapping.Inspections im) {
    return im.namesIgnoreWhitespace() ? WHITESPACE.matcher(raw).replaceAll("") : raw.strip();
  }

  private static Map<String, String> attributes(CSVRecord r, ByoMapping.Inspections im) {
    Map<String, String> attrs = new LinkedHashMap<>();
    if (im.attributes() != null) {
      for (var e : im.attributes().entrySet()) {
        attrs.put(e.getKey(), r.get(e.getValue()).strip());
      }
    }
    return attrs;
  }

  private static final java.util.regex.Pattern TIME_SUFFIX =
      java.util.regex.Pattern.compile(
          "[T ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?( ?[AaPp][Mm])?(Z|[+-]\\d{2}:?\\d{2})?$");

  static long millis(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static boolean accepted(CSVRecord r, Map<String, List<String>> filter) {
    for (var e : filter.entrySet()) {
      if (!e.getValue().contains(r.get(e.getKey()).strip())) {
        return false;
      }
    }
    return true;
  }

  private static CSVParser open(Path file, String delimiter) throws IOException, ByoException {
    if (!Files.isRegularFile(file)) {
      throw new ByoException(file + ": no such file");
    }
    Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    CSVFormat f =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter == null || delimiter.isEmpty() ? "," : delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(false)
            .get();
    return CSVParser.parse(in, f);
  }

  private static void checkColumns(Path file, Map<String, Integer> header, List<String> need)
      throws ByoException {
    Map<String, Integer> h = header == null ? Map.of() : header;
    List<String> missing = new ArrayList<>();
    for (String c : need) {
      if (!h.containsKey(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new ByoException(
          file + ": the mapping names column(s) " + missing + " but the header has " + h.keySet());
    }
  }

  private static DateTimeFormatter formatter(String pattern, String what) throws ByoException {
    if (pattern == null || pattern.isBlank()) {
      return DateTimeFormatter.ISO_LOCAL_DATE;
    }
    try {
      return DateTimeFormatter.ofPattern(pattern);
    } catch (IllegalArgumentException e) {
      throw new ByoException("mapping " + what + " '" + pattern + "': " + e.getMessage());
    }
  }

  private static LocalDate parse(
      String raw, DateTimeFormatter fmt, String column, String pattern, Path file, long line)
      throws ByoException {
    String s = raw.strip();
    // Exports often carry a time of day after the date; the day is what the split uses.
    if (pattern == null || !pattern.contains("H")) {
      s = TIME_SUFFIX.matcher(s).replaceFirst("");
    }
    try {
      return LocalDate.parse(s, fmt);
    } catch (DateTimeParseException e) {
      throw new ByoException(
          file
              + " line "
              + line
              + ": '"
              + raw
              + "' in column '"
              + column
              + "' is not a date in format "
              + (pattern == null ? "yyyy-MM-dd" : pattern));
    }
  }
}

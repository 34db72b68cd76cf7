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
    int skippedResults,
    int filtered,
    int complaints) {

  public static ByoData read(Path inspections, Path complaintsFile, ByoMapping m)
      throws ByoException, IOException {
    ByoMapping.Inspections im = m.inspections();
    DateTimeFormatter fmt = formatter(im.dateFormat(), "inspections.date_format");
    List<String> attrNames =
        im.attributes() == null ? List.of() : List.copyOf(im.attributes().keySet());
    List<Target> targets = new ArrayList<>();
    List<HistoryEvent> events = new ArrayList<>();
    Map<String, LocalDate> dates = new HashMap<>();
    Set<String> fail = new HashSet<>(im.fail());
    Set<String> pass = im.pass() == null ? null : new HashSet<>(im.pass());
    Set<String> recheckValues =
        im.recheck() == null ? Set.of() : new HashSet<>(im.recheck().values());
    Set<String> ids = new HashSet<>();
    int skipped = 0;
    int filtered = 0;
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
      checkColumns(inspections, header, need);
      for (CSVRecord r : p) {
        long line = r.getParser().getCurrentLineNumber();
        if (im.filter() != null && !accepted(r, im.filter())) {
          filtered++;
          continue;
        }
        String entity = r.get(im.entity()).trim();
        if (entity.isEmpty()) {
          throw new ByoException(
              inspections
                  + " line "
                  + line
                  + ": empty establishment id in column '"
                  + im.entity()
                  + "'");
        }
        LocalDate date =
            parse(r.get(im.date()), fmt, im.date(), im.dateFormat(), inspections, line);
        String result = r.get(im.result()).trim();
        int label;
        if (fail.contains(result)) {
          label = 1;
        } else if (pass == null || pass.contains(result)) {
          label = 0;
        } else {
          skipped++;
          continue;
        }
        String id = im.id() == null ? "line-" + line : r.get(im.id()).trim();
        if (!ids.add(id)) {
          // Duplicate ids: keep the first, as a re-export of one inspection is not a second one.
          continue;
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        if (im.attributes() != null) {
          for (var e : im.attributes().entrySet()) {
            attrs.put(e.getKey(), r.get(e.getValue()).trim());
          }
        }
        boolean recheck =
            im.recheck() != null && recheckValues.contains(r.get(im.recheck().column()).trim());
        long t = millis(date);
        targets.add(new Target(id, entity, t, label, attrs, recheck));
        events.add(
            new HistoryEvent(
                entity,
                t,
                label == 1 ? HistoryKind.SAMPLING_FAIL_MAJOR : HistoryKind.SAMPLING_PASS));
        dates.put(id, date);
      }
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
          String entity = r.get(cm.entity()).trim();
          if (entity.isEmpty()) {
            continue;
          }
          LocalDate d =
              parse(r.get(cm.date()), cf, cm.date(), cm.dateFormat(), complaintsFile, line);
          boolean report =
              cm.report() != null && reports.contains(r.get(cm.report().column()).trim());
          events.add(
              new HistoryEvent(
                  entity, millis(d), report ? HistoryKind.REPORT : HistoryKind.COMPLAINT));
          nComplaints++;
        }
      }
    }
    return new ByoData(targets, events, attrNames, dates, skipped, filtered, nComplaints);
  }

  private static final java.util.regex.Pattern TIME_SUFFIX =
      java.util.regex.Pattern.compile(
          "[T ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?( ?[AaPp][Mm])?(Z|[+-]\\d{2}:?\\d{2})?$");

  static long millis(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static boolean accepted(CSVRecord r, Map<String, List<String>> filter) {
    for (var e : filter.entrySet()) {
      if (!e.getValue().contains(r.get(e.getKey()).trim())) {
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
    String s = raw.trim();
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

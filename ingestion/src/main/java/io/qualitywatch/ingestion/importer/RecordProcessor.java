package io.qualitywatch.ingestion.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.ProductCategory;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.EventType;
import io.qualitywatch.ingestion.contract.FastEventDecoder;
import io.qualitywatch.ingestion.reference.Enterprise;
import io.qualitywatch.ingestion.resolve.EnterpriseRegistry;
import io.qualitywatch.ingestion.resolve.NameNormalizer;
import io.qualitywatch.ingestion.resolve.Resolution;
import io.qualitywatch.ingestion.resolve.UnresolvedReason;
import io.qualitywatch.ingestion.validation.EventValidator;
import io.qualitywatch.ingestion.validation.RejectReason;
import io.qualitywatch.ingestion.validation.RejectedRecordException;
import io.qualitywatch.ingestion.validation.Rejection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one input record into its candidate events: parse or map, resolve the subject, build the
 * envelope with its deterministic id, validate, encode. Pure and thread-safe, so several records
 * can be processed in parallel; de-duplication and publishing happen afterwards, in file order.
 */
final class RecordProcessor {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Subject fields an unresolved event cannot have yet; their absence is not a rejection. */
  private static final Set<String> SUBJECT_FIELDS = Set.of("credit_code", "region_code");

  enum Kind {
    ACCEPT,
    UNRESOLVED,
    REJECT
  }

  /**
   * One event a record yields, or the reason it could not become one.
   *
   * @param event the envelope (null when the record could not be parsed into one)
   * @param encoded the wire bytes of an accepted event
   * @param rejection first problem of a rejected candidate; {@code detail} lists all of them
   */
  record Candidate(
      Kind kind,
      EventEnvelope event,
      byte[] encoded,
      Rejection rejection,
      Resolution resolution,
      String name,
      String regionHint) {

    static Candidate reject(Rejection r, EventEnvelope event) {
      return new Candidate(Kind.REJECT, event, null, r, null, null, null);
    }
  }

  /**
   * What one record produced.
   *
   * @param raw the record as read (JSON lines: the line's bytes) or re-written (CSV), kept only
   *     when a candidate was rejected so that it can go to the dead-letter topic
   */
  record Outcome(long recordNumber, List<Candidate> candidates, byte[] raw) {}

  private final Mapping mapping;
  private final EnterpriseRegistry registry;
  private final EventValidator validator;
  private final String sourceFile;
  private final boolean passThroughJson;
  private final CodeTables codes = CodeTables.get();

  RecordProcessor(
      Mapping mapping,
      EnterpriseRegistry registry,
      EventValidator validator,
      String sourceFile,
      boolean passThroughJson) {
    this.mapping = mapping;
    this.registry = registry;
    this.validator = validator;
    this.sourceFile = sourceFile;
    this.passThroughJson = passThroughJson;
  }

  // ---------------------------------------------------------------- JSON lines

  Outcome json(long lineNumber, byte[] line) {
    return json(lineNumber, line, null);
  }

  /**
   * As {@link #json(long, byte[])}, with the line already decoded by {@link
   * FastEventDecoder#decodeLines} (null: decode it here).
   */
  Outcome json(long lineNumber, byte[] line, FastEventDecoder.Decoded decoded) {
    Candidate c;
    try {
      c = jsonCandidate(line, decoded);
    } catch (RuntimeException e) {
      c = Candidate.reject(unexpected(e), null);
    }
    return new Outcome(lineNumber, List.of(c), c.kind() == Kind.REJECT ? line : null);
  }

  private Candidate jsonCandidate(byte[] line, FastEventDecoder.Decoded decoded) {
    EventEnvelope event;
    boolean unambiguous;
    try {
      FastEventDecoder.Decoded d = decoded != null ? decoded : FastEventDecoder.decode(line);
      event = d.event();
      unambiguous = d.unambiguous();
    } catch (RejectedRecordException e) {
      return Candidate.reject(e.rejection(), null);
    }
    // An event naming its subject only by name is resolved like a CSV row; one with a credit
    // code is taken as it is and only validated.
    if (event.creditCode() == null
        && event.type() != null
        && event.type().subjectIsEntity()
        && event.enterpriseName() != null
        && !event.enterpriseName().isBlank()) {
      Resolution r = registry.resolve(event.enterpriseName(), null);
      if (!r.isResolved()) {
        return unresolvedCandidate(event, r, event.enterpriseName(), null);
      }
      Enterprise e = r.enterprise();
      event =
          event.withSubject(
              e.creditCode(),
              e.regionCode(),
              e.industryCode() != null ? e.industryCode() : event.industryCode());
      return validated(event, null);
    }
    // Unchanged and unambiguous: the line's own bytes are this event (decoding them gives exactly
    // it), so re-encoding would only repeat work already done by whoever wrote the file.
    return validated(event, passThroughJson && unambiguous ? line : null);
  }

  // ---------------------------------------------------------------- CSV

  Outcome csv(Row row, java.util.function.Function<Row, String> rawText) {
    List<Candidate> cs;
    try {
      cs = csvCandidates(row);
    } catch (RuntimeException e) {
      cs = List.of(Candidate.reject(unexpected(e), null));
    }
    boolean anyRejected = cs.stream().anyMatch(c -> c.kind() == Kind.REJECT);
    byte[] raw =
        anyRejected ? rawText.apply(row).getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
    return new Outcome(row.recordNumber(), cs, raw);
  }

  private List<Candidate> csvCandidates(Row row) {
    for (String v : row.values()) {
      if (v != null && v.indexOf('\uFFFD') >= 0) {
        return List.of(
            Candidate.reject(
                new Rejection(
                    RejectReason.INVALID_ENCODING,
                    null,
                    "record has bytes that are not valid " + mapping.charset().name()),
                null));
      }
    }
    if (row.values().length != row.header().size()) {
      return List.of(
          Candidate.reject(
              new Rejection(
                  RejectReason.MALFORMED_CSV,
                  null,
                  "record has "
                      + row.values().length
                      + " fields, the header has "
                      + row.header().size()),
              null));
    }
    ObjectNode base = JSON.objectNode();
    ObjectNode payload = JSON.objectNode();
    String hint;
    List<SubjectValue> subjects = new ArrayList<>();
    try {
      for (var e : mapping.envelopeFields().entrySet()) {
        JsonNode v = e.getValue().evaluate(row);
        if (v != null) {
          base.set(e.getKey(), v);
        }
      }
      for (var e : mapping.payloadFields().entrySet()) {
        JsonNode v = e.getValue().evaluate(row);
        if (v != null) {
          payload.set(e.getKey(), v);
        }
      }
      hint = text(mapping.regionHint(), row);
      for (Mapping.Subject s : mapping.subjects()) {
        subjects.add(
            new SubjectValue(text(s.name(), row), text(s.role(), row), text(s.creditCode(), row)));
      }
    } catch (RejectedRecordException e) {
      return List.of(Candidate.reject(e.rejection(), null));
    }

    // Named parties, each once: a producer sampled at its own premises is one party.
    List<SubjectValue> named = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SubjectValue s : subjects) {
      boolean hasCode = s.creditCode() != null && !s.creditCode().isBlank();
      if (!hasCode && mapping.isPlaceholder(s.name())) {
        continue;
      }
      String key = hasCode ? "code:" + s.creditCode() : NameNormalizer.normalize(s.name());
      if (seen.add(key)) {
        named.add(s);
      }
    }
    if (named.isEmpty()) {
      // Kept on the unresolved topic: a result without a party is still evidence about a product.
      String role = subjects.isEmpty() ? null : subjects.get(0).role();
      ObjectNode env = envelope(base, payload, row.recordNumber(), role, null, null, null);
      EventEnvelope event;
      try {
        event = withId(FastEventDecoder.decode(EventCodec.mapper().writeValueAsBytes(env)).event());
      } catch (RejectedRecordException e) {
        return List.of(Candidate.reject(e.rejection(), null));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      Resolution none =
          Resolution.unresolved(
              UnresolvedReason.NO_PARTY, "the record names no party", "", List.of());
      return List.of(unresolvedCandidate(event, none, null, hint));
    }

    List<Candidate> out = new ArrayList<>(named.size());
    for (SubjectValue s : named) {
      String other = null;
      for (SubjectValue o : named) {
        if (o != s && o.name() != null && !mapping.isPlaceholder(o.name())) {
          other = o.name();
          break;
        }
      }
      out.add(subjectCandidate(base, payload, row.recordNumber(), s, other, hint));
    }
    return out;
  }

  private Candidate subjectCandidate(
      ObjectNode base,
      ObjectNode payload,
      long line,
      SubjectValue s,
      String otherParty,
      String hint) {
    Resolution resolution = null;
    String creditCode = null;
    String region = null;
    String industry = null;
    if (s.creditCode() != null && !s.creditCode().isBlank()) {
      creditCode = s.creditCode().strip();
      Enterprise known = registry.byCreditCode(creditCode).orElse(null);
      if (known != null) {
        region = known.regionCode();
        industry = known.industryCode();
      }
    } else {
      resolution = registry.resolve(s.name(), hint);
      if (resolution.isResolved()) {
        Enterprise e = resolution.enterprise();
        creditCode = e.creditCode();
        region = e.regionCode();
        industry = e.industryCode();
      }
    }
    ObjectNode env = envelope(base, payload, line, s.role(), otherParty, s.name(), creditCode);
    if (region != null) {
      env.put("region_code", region);
    }
    if (industry != null) {
      env.put("industry_code", industry);
    } else if (!env.hasNonNull("industry_code")) {
      // No registered industry: the division that typically makes this product category.
      JsonNode cat = payload.get("product_category");
      if (cat != null && cat.isTextual()) {
        codes
            .productCategory(cat.asText())
            .map(ProductCategory::industryCode)
            .ifPresent(code -> env.put("industry_code", code));
      }
    }
    EventEnvelope event;
    try {
      event = withId(FastEventDecoder.decode(EventCodec.mapper().writeValueAsBytes(env)).event());
    } catch (RejectedRecordException e) {
      return Candidate.reject(e.rejection(), null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (resolution != null && !resolution.isResolved()) {
      return unresolvedCandidate(event, resolution, s.name(), hint);
    }
    return validated(event, null);
  }

  private ObjectNode envelope(
      ObjectNode base,
      ObjectNode payload,
      long line,
      String role,
      String otherParty,
      String name,
      String creditCode) {
    EventType type = mapping.eventType();
    ObjectNode env = base.deepCopy();
    env.put("type", type.wireName());
    env.put("schema", type.schemaId());
    ObjectNode source = env.putObject("source");
    source.put("system", mapping.sourceSystem());
    source.put("file", sourceFile);
    source.put("line", line);
    if (name != null) {
      env.put("enterprise_name", name);
    }
    if (creditCode != null) {
      env.put("credit_code", creditCode);
    }
    ObjectNode p = payload.deepCopy();
    if (role != null && !role.isBlank()) {
      p.put(mapping.roleField(), role);
    }
    if (otherParty != null && mapping.otherPartyField() != null) {
      p.put(mapping.otherPartyField(), otherParty);
    }
    env.set("payload", p);
    return env;
  }

  // ---------------------------------------------------------------- shared

  /**
   * @param encoded the event's wire bytes if already known, else null (encoded here)
   */
  private Candidate validated(EventEnvelope event, byte[] encoded) {
    List<Rejection> problems = validator.validate(event);
    if (!problems.isEmpty()) {
      return Candidate.reject(summarise(problems), event);
    }
    return new Candidate(
        Kind.ACCEPT,
        event,
        encoded != null ? encoded : EventCodec.encode(event),
        null,
        null,
        null,
        null);
  }

  private Candidate unresolvedCandidate(
      EventEnvelope event, Resolution r, String name, String hint) {
    List<Rejection> problems =
        validator.validate(event).stream()
            .filter(p -> p.field() == null || !SUBJECT_FIELDS.contains(p.field()))
            .toList();
    if (!problems.isEmpty()) {
      // Invalid regardless of who the subject is: fixing the name would not make it loadable.
      return Candidate.reject(summarise(problems), event);
    }
    return new Candidate(Kind.UNRESOLVED, event, null, null, r, name, hint);
  }

  /** The first problem names the reason; the detail lists every problem found. */
  private static Rejection summarise(List<Rejection> problems) {
    Rejection first = problems.get(0);
    if (problems.size() == 1) {
      return first;
    }
    return new Rejection(
        first.reason(),
        first.field(),
        problems.stream().map(Rejection::toString).collect(Collectors.joining("; ")));
  }

  private EventEnvelope withId(EventEnvelope e) {
    return EventEnvelope.of(
        e.eventTime(),
        e.source(),
        e.creditCode(),
        e.enterpriseName(),
        e.regionCode(),
        e.industryCode(),
        e.payload());
  }

  private static Rejection unexpected(RuntimeException e) {
    return new Rejection(
        RejectReason.INVALID_VALUE,
        null,
        "unexpected error while processing the record: "
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage());
  }

  private static String text(Field f, Row row) throws RejectedRecordException {
    if (f == null) {
      return null;
    }
    JsonNode v = f.evaluate(row);
    return v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
  }

  private record SubjectValue(String name, String role, String creditCode) {}
}

package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.qualitywatch.ingestion.validation.RejectReason;
import io.qualitywatch.ingestion.validation.RejectedRecordException;
import io.qualitywatch.ingestion.validation.Rejection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/** JSON on the wire: one shared mapper configuration so every producer and job agrees. */
public final class EventCodec {
  private static final ObjectMapper MAPPER = newMapper();

  private EventCodec() {}

  /** The project's ObjectMapper: ISO dates, unknown fields rejected (a typo must not pass). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .build();
  }

  public static byte[] encode(EventEnvelope event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String encodeToString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses one event. Structural problems become a {@link RejectedRecordException} whose reason
   * says which kind (encoding, JSON syntax, unknown type, wrong type, missing field); content
   * checks are the validator's job.
   */
  public static EventEnvelope decode(byte[] bytes) throws RejectedRecordException {
    return FastEventDecoder.decode(bytes).event();
  }

  /**
   * The reference decoding by plain databind, which {@link FastEventDecoder} falls back to for
   * anything off its happy path, so that rejections are always classified here.
   */
  public static EventEnvelope decodeByDatabind(byte[] bytes) throws RejectedRecordException {
    if (!Utf8.isValid(bytes)) {
      throw new RejectedRecordException(
          new Rejection(RejectReason.INVALID_ENCODING, null, "record is not valid UTF-8"));
    }
    EventEnvelope event;
    try {
      event = MAPPER.readValue(bytes, EventEnvelope.class);
    } catch (InvalidTypeIdException e) {
      throw new RejectedRecordException(
          new Rejection(RejectReason.UNKNOWN_EVENT_TYPE, "type", clean(e)), e);
    } catch (InvalidFormatException e) {
      throw rejectedFor(e, RejectReason.WRONG_TYPE);
    } catch (MismatchedInputException e) {
      throw rejectedFor(e, isMissing(e) ? RejectReason.MISSING_FIELD : RejectReason.WRONG_TYPE);
    } catch (JsonProcessingException e) {
      throw new RejectedRecordException(
          new Rejection(RejectReason.MALFORMED_JSON, null, clean(e)), e);
    } catch (IllegalArgumentException e) {
      throw new RejectedRecordException(
          new Rejection(RejectReason.UNKNOWN_EVENT_TYPE, "type", e.getMessage()), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (event == null) {
      throw new RejectedRecordException(
          new Rejection(RejectReason.MALFORMED_JSON, null, "empty record"));
    }
    return event;
  }

  private static boolean isMissing(MismatchedInputException e) {
    String msg = String.valueOf(e.getOriginalMessage());
    return msg.contains("Missing") || msg.contains("missing");
  }

  private static RejectedRecordException rejectedFor(
      MismatchedInputException e, RejectReason reason) {
    String field =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    return new RejectedRecordException(
        new Rejection(reason, field.isEmpty() ? null : field, clean(e)), e);
  }

  private static String clean(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    int cut = msg.indexOf("\n");
    return cut > 0 ? msg.substring(0, cut) : msg;
  }
}

package io.qualitywatch.ingestion.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.qualitywatch.ingestion.validation.RejectedRecordException;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link EventCodec#decode} reads an event: the same result as plain databind ({@link
 * EventCodec#decodeByDatabind}), faster on the happy path, which is what a bulk load and a stream
 * consist of. The encoding check is a byte scan without allocation ({@link Utf8}), timestamps in
 * the usual {@code 2021-03-05T08:30:00Z} form skip {@code DateTimeFormatter}, and an envelope whose
 * {@code type} comes before its {@code payload} (as {@code EventCodec.encode} writes it) is read in
 * one pass instead of buffering the payload until the type is known. Any line the fast path does
 * not accept goes through databind, so rejections are classified exactly as the contract classifies
 * them.
 *
 * <p>The fast path also refuses duplicate keys ({@code {"credit_code":"A",…,"credit_code":"B"}}),
 * which the contract's decoder resolves silently to the last one: a line accepted by the fast path
 * has exactly one reading, so its bytes can be published as they are (see {@link #decode}).
 */
public final class FastEventDecoder {
  /** Whether every record of the contract is read by {@link FastRecord}; see {@link #READER}. */
  private static final boolean ALL_FAST;

  private static final ObjectReader READER;

  static {
    SimpleModule module =
        new SimpleModule("qw-fast-decode")
            .addDeserializer(Instant.class, new FastInstant())
            .addDeserializer(LocalDate.class, new FastLocalDate())
            .addDeserializer(EventEnvelope.class, new FastEnvelope());
    ALL_FAST = fastRecords(module);
    ObjectReader r = EventCodec.newMapper().registerModule(module).readerFor(EventEnvelope.class);
    // Duplicate keys make a line ambiguous. The fast readers notice a repeated field themselves
    // (cheaper than the parser's per-object hash set); if some record is not read by them, the
    // parser has to check.
    READER = ALL_FAST ? r : r.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }

  private FastEventDecoder() {}

  /**
   * A decoded line.
   *
   * @param unambiguous true when the line is strict UTF-8 JSON without duplicate keys, so that its
   *     bytes mean exactly {@code event} to any JSON reader
   */
  public record Decoded(EventEnvelope event, boolean unambiguous) {}

  public static Decoded decode(byte[] line) throws RejectedRecordException {
    if (Utf8.isValid(line)) {
      try {
        EventEnvelope e = READER.readValue(line);
        if (e != null) {
          return new Decoded(e, true);
        }
      } catch (IOException | RuntimeException e) {
        // fall through: the contract's decoder says what is wrong
      }
    }
    return new Decoded(EventCodec.decodeByDatabind(line), false);
  }

  /**
   * Decodes consecutive lines as {@link #decode} would, reading runs of lines with one parser: a
   * parser and a deserialization context per line cost a fifth of a decode. Returns, per line, the
   * decoded event or null when that line must be decoded on its own with {@link #decode} (not
   * strict UTF-8, not read by the fast path, or not exactly one JSON object on its own line). A
   * non-null entry equals what {@code decode(line)} returns.
   */
  public static Decoded[] decodeLines(List<byte[]> lines) {
    int n = lines.size();
    Decoded[] out = new Decoded[n];
    int total = 0;
    for (byte[] l : lines) {
      total += l.length + 1;
    }
    byte[] buf = new byte[total];
    int[] start = new int[n + 1];
    boolean[] valid = new boolean[n];
    int pos = 0;
    for (int i = 0; i < n; i++) {
      byte[] l = lines.get(i);
      start[i] = pos;
      System.arraycopy(l, 0, buf, pos, l.length);
      pos += l.length;
      buf[pos++] = '\n';
      valid[i] = Utf8.isValid(l);
    }
    start[n] = pos;
    int i = 0;
    while (i < n) {
      if (!valid[i]) {
        i++; // left to decode(line)
        continue;
      }
      int j = i;
      while (j < n && valid[j]) {
        j++;
      }
      i = decodeRun(buf, start, i, j, out);
    }
    return out;
  }

  /**
   * Reads lines {@code [from, to)} with one parser until one of them is not a clean single object;
   * returns the index to go on from (that line is left to {@link #decode}).
   */
  private static int decodeRun(byte[] buf, int[] start, int from, int to, Decoded[] out) {
    int i = from;
    try (JsonParser p = READER.createParser(buf, start[from], start[to] - start[from]);
        MappingIterator<EventEnvelope> values = READER.readValues(p)) {
      for (; i < to; i++) {
        EventEnvelope e = values.nextValue();
        // The value must have ended inside line i (the line's '\n' is at start[i + 1] - 1), with
        // nothing but blanks after it: otherwise it spanned lines or shared one.
        // Jackson counts byte offsets from the start of the range it was given.
        long end = start[from] + p.currentLocation().getByteOffset();
        if (e == null
            || end <= start[i]
            || end >= start[i + 1]
            || !blank(buf, (int) end, start[i + 1] - 1)) {
          return i + 1;
        }
        out[i] = new Decoded(e, true);
      }
      return to;
    } catch (IOException | RuntimeException e) {
      return i + 1; // the parser is lost: line i goes on its own, a new parser from the next line
    }
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int k = from; k < to; k++) {
      if (b[k] != ' ' && b[k] != '\t' && b[k] != '\r') {
        return false;
      }
    }
    return true;
  }

  /** The contract's payload records and the records inside them, read by {@link FastRecord}. */
  /** Registers the record readers; true when every contract record got one. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean fastRecords(SimpleModule m) {
    boolean all = true;
    List<Class<?>> types = new ArrayList<>();
    types.add(SourceRef.class);
    types.add(SamplingResult.TestedItem.class);
    types.add(Complaint.Complainant.class);
    for (EventType t : EventType.values()) {
      types.add(t.payloadType());
    }
    for (Class<?> c : types) {
      FastRecord r = FastRecord.of(c);
      if (r != null) {
        m.addDeserializer((Class) c, r);
      } else {
        all = false;
      }
    }
    return all;
  }

  /**
   * A contract record read field by field into its canonical constructor. Databind's record support
   * buffers every property and then calls the constructor reflectively; this does the same with
   * less bookkeeping. Strings are read straight from the parser; every other component type is read
   * by the deserializer databind would use for it. Anything databind might treat differently — an
   * unknown field, a non-string token for a string, a null or missing primitive, a constructor that
   * throws — is left to the contract's decoder.
   */
  static final class FastRecord extends StdDeserializer<Object> implements ResolvableDeserializer {
    private final MethodHandle constructor;
    private final Map<String, Integer> index = new HashMap<>();
    private final Type[] types;
    private final boolean[] string;
    private final boolean[] primitive;
    private final JsonDeserializer<Object>[] deserializers;

    @SuppressWarnings("unchecked")
    private FastRecord(Class<?> type, RecordComponent[] components, MethodHandle constructor) {
      super(type);
      this.constructor = constructor;
      int n = components.length;
      types = new Type[n];
      string = new boolean[n];
      primitive = new boolean[n];
      deserializers = new JsonDeserializer[n];
      for (int i = 0; i < n; i++) {
        RecordComponent c = components[i];
        // @JsonProperty cannot target a record component; Java copies it to the accessor.
        JsonProperty name = c.getAccessor().getAnnotation(JsonProperty.class);
        index.put(name != null && !name.value().isEmpty() ? name.value() : c.getName(), i);
        types[i] = c.getGenericType();
        string[i] = c.getType() == String.class;
        primitive[i] = c.getType().isPrimitive();
      }
    }

    /** A reader for the record, or null when its annotations ask for more than names. */
    static FastRecord of(Class<?> type) {
      if (!type.isRecord() || type.getRecordComponents().length > 63) {
        return null;
      }
      for (Annotation a : type.getAnnotations()) {
        if (!(a instanceof JsonInclude)) {
          return null;
        }
      }
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] params = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        for (Annotation a : components[i].getAccessor().getAnnotations()) {
          if (!(a instanceof JsonProperty)) {
            return null; // e.g. @JsonDeserialize or @JsonAlias: databind knows, this does not
          }
        }
        params[i] = components[i].getType();
      }
      try {
        for (var c : type.getDeclaredConstructors()) {
          if (c.isAnnotationPresent(JsonCreator.class)) {
            return null;
          }
        }
        Constructor<?> canonical = type.getDeclaredConstructor(params);
        canonical.setAccessible(true);
        MethodHandle h =
            MethodHandles.lookup()
                .unreflectConstructor(canonical)
                .asSpreader(Object[].class, params.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
        return new FastRecord(type, components, h);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    @Override
    public void resolve(DeserializationContext ctxt) throws JsonMappingException {
      for (int i = 0; i < types.length; i++) {
        if (!string[i]) {
          deserializers[i] = ctxt.findRootValueDeserializer(ctxt.constructType(types[i]));
        }
      }
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw NOT_FAST;
      }
      Object[] args = new Object[types.length];
      long present = 0;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        Integer at = index.get(f);
        if (at == null) {
          throw NOT_FAST;
        }
        int i = at;
        if ((present & (1L << i)) != 0) {
          throw NOT_FAST; // the same field twice: ambiguous
        }
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
          if (primitive[i]) {
            throw NOT_FAST;
          }
          args[i] = null;
        } else if (string[i]) {
          if (t != JsonToken.VALUE_STRING) {
            throw NOT_FAST;
          }
          args[i] = p.getText();
        } else {
          args[i] = deserializers[i].deserialize(p, ctxt);
        }
        present |= 1L << i;
      }
      for (int i = 0; i < types.length; i++) {
        if (primitive[i] && (present & (1L << i)) == 0) {
          throw NOT_FAST; // databind's default for an absent primitive is its business
        }
      }
      try {
        return constructor.invokeExact(args);
      } catch (Throwable e) {
        throw NOT_FAST;
      }
    }
  }

  /** Signals "not the usual shape": the line goes the contract's way. */
  private static final class NotFast extends IOException {
    NotFast() {
      super(null, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // control flow, not an error: no stack trace to build
    }
  }

  private static final NotFast NOT_FAST = new NotFast();

  /**
   * One pass over an envelope whose {@code type} precedes {@code payload}; each field is read by
   * the same deserializer databind would use for it, so the result is the same envelope. Any other
   * shape (payload first, unknown or missing field, non-string where a string belongs) is left to
   * the contract's decoder.
   */
  static final class FastEnvelope extends StdDeserializer<EventEnvelope>
      implements ResolvableDeserializer {
    // Looked up once: DeserializationContext.readValue(p, Class) resolves the deserializer (and
    // introspects the class for type information) on every call.
    private JsonDeserializer<Object> instant;
    private JsonDeserializer<Object> source;
    private final Map<EventType, JsonDeserializer<Object>> payloads =
        new EnumMap<>(EventType.class);

    private static final Map<String, Integer> FIELD_BITS = new HashMap<>();

    static {
      String[] names = {
        "schema",
        "event_id",
        "type",
        "event_time",
        "source",
        "credit_code",
        "enterprise_name",
        "region_code",
        "industry_code",
        "payload"
      };
      for (int i = 0; i < names.length; i++) {
        FIELD_BITS.put(names[i], 1 << i);
      }
    }

    FastEnvelope() {
      super(EventEnvelope.class);
    }

    @Override
    public void resolve(DeserializationContext ctxt) throws JsonMappingException {
      instant = ctxt.findRootValueDeserializer(ctxt.constructType(Instant.class));
      source = ctxt.findRootValueDeserializer(ctxt.constructType(SourceRef.class));
      for (EventType t : EventType.values()) {
        payloads.put(t, ctxt.findRootValueDeserializer(ctxt.constructType(t.payloadType())));
      }
    }

    @Override
    public EventEnvelope deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw NOT_FAST;
      }
      String schema = null;
      String eventId = null;
      EventType type = null;
      Instant eventTime = null;
      SourceRef sourceRef = null;
      String creditCode = null;
      String enterpriseName = null;
      String regionCode = null;
      String industryCode = null;
      EventPayload payload = null;
      int seen = 0;
      for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
        JsonToken t = p.nextToken();
        int bit = FIELD_BITS.getOrDefault(f, 0);
        if (bit == 0 || (seen & bit) != 0) {
          throw NOT_FAST; // unknown field, or the same field twice (ambiguous)
        }
        seen |= bit;
        switch (f) {
          case "schema" -> schema = text(p, t);
          case "event_id" -> eventId = text(p, t);
          case "type" -> type = type(text(p, t));
          case "event_time" ->
              eventTime = t == JsonToken.VALUE_NULL ? null : (Instant) instant.deserialize(p, ctxt);
          case "source" ->
              sourceRef =
                  t == JsonToken.VALUE_NULL ? null : (SourceRef) source.deserialize(p, ctxt);
          case "credit_code" -> creditCode = text(p, t);
          case "enterprise_name" -> enterpriseName = text(p, t);
          case "region_code" -> regionCode = text(p, t);
          case "industry_code" -> industryCode = text(p, t);
          case "payload" -> {
            if (type == null || t != JsonToken.START_OBJECT) {
              throw NOT_FAST;
            }
            payload = (EventPayload) payloads.get(type).deserialize(p, ctxt);
          }
          default -> throw NOT_FAST;
        }
      }
      if (type == null || payload == null) {
        throw NOT_FAST;
      }
      return new EventEnvelope(
          schema,
          eventId,
          type,
          eventTime,
          sourceRef,
          creditCode,
          enterpriseName,
          regionCode,
          industryCode,
          payload);
    }

    private static EventType type(String wire) throws NotFast {
      if (wire == null) {
        throw NOT_FAST;
      }
      try {
        return EventType.fromWireName(wire);
      } catch (IllegalArgumentException e) {
        throw NOT_FAST;
      }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
      if (t == JsonToken.VALUE_STRING) {
        return p.getText();
      }
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      throw NOT_FAST; // databind would coerce or reject: let it decide
    }
  }

  /** {@code uuuu-MM-dd} by hand; everything else by the standard deserializer. */
  static final class FastLocalDate extends StdScalarDeserializer<LocalDate> {
    FastLocalDate() {
      super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        LocalDate fast = parse(p.getText());
        if (fast != null) {
          return fast;
        }
      }
      return LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
    }

    static LocalDate parse(String s) {
      if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
        return null;
      }
      int y = FastInstant.num(s, 0, 4);
      int m = FastInstant.num(s, 5, 7);
      int d = FastInstant.num(s, 8, 10);
      if (y < 0 || m < 0 || d < 0) {
        return null;
      }
      try {
        return LocalDate.of(y, m, d);
      } catch (DateTimeException e) {
        return null;
      }
    }
  }

  /**
   * {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}]Z} by hand; everything else by the standard deserializer.
   */
  public static final class FastInstant extends StdScalarDeserializer<Instant> {
    FastInstant() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        Instant fast = parse(p.getText());
        if (fast != null) {
          return fast;
        }
      }
      return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }

    public static Instant parse(String s) {
      int len = s.length();
      if (len < 20
          || len > 30
          || s.charAt(4) != '-'
          || s.charAt(7) != '-'
          || s.charAt(10) != 'T'
          || s.charAt(13) != ':'
          || s.charAt(16) != ':'
          || s.charAt(len - 1) != 'Z') {
        return null;
      }
      int nanos = 0;
      if (len > 20) {
        if (s.charAt(19) != '.' || len == 21) {
          return null;
        }
        int digits = len - 21;
        int f = num(s, 20, len - 1);
        if (f < 0) {
          return null;
        }
        for (int k = digits; k < 9; k++) {
          f *= 10;
        }
        nanos = f;
      }
      int y = num(s, 0, 4);
      int mo = num(s, 5, 7);
      int d = num(s, 8, 10);
      int h = num(s, 11, 13);
      int mi = num(s, 14, 16);
      int sec = num(s, 17, 19);
      if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) {
        return null;
      }
      try {
        return LocalDateTime.of(y, mo, d, h, mi, sec, nanos).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        return null; // e.g. a leap second: the standard parser knows what to do
      }
    }

    static int num(String s, int from, int to) {
      int v = 0;
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        v = v * 10 + (c - '0');
      }
      return v;
    }
  }
}

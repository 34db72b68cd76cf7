package io.qualitywatch.ingestion.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.qualitywatch.ingestion.Samples;
import io.qualitywatch.ingestion.reference.Enterprise;
import io.qualitywatch.ingestion.reference.Inspector;
import io.qualitywatch.ingestion.reference.Institution;
import io.qualitywatch.ingestion.validation.EventValidator;
import io.qualitywatch.ingestion.validation.RejectReason;
import io.qualitywatch.ingestion.validation.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the JSON Schemas under {@code schemas/} and the Java contract in step: property names and
 * types against what Jackson reads and writes, {@code required} against what {@link EventValidator}
 * rejects as missing. Editing one side without the other fails here.
 */
class ContractSchemaTest {
  private static final ObjectMapper MAPPER = EventCodec.mapper();
  private static final EventValidator VALIDATOR = Samples.validator();
  private static final Map<String, JsonNode> SCHEMAS = new LinkedHashMap<>();

  /**
   * One record type and where its schema lives, with a valid sample and how to validate a variant
   * of it in context (nested records are validated inside a valid event).
   */
  record Target(
      String name,
      Class<?> type,
      String file,
      String pointer,
      Object sample,
      Function<Object, List<Rejection>> validate,
      String fieldPrefix) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Target> targets() {
    List<Target> out = new ArrayList<>();
    for (EventType t : EventType.values()) {
      out.add(
          new Target(
              "envelope(" + t.wireName() + ")",
              EventEnvelope.class,
              "envelope.v1.json",
              "",
              Samples.event(t),
              e -> VALIDATOR.validate((EventEnvelope) e),
              ""));
      out.add(
          new Target(
              t.wireName(),
              t.payloadType(),
              t.wireName() + ".v1.json",
              "",
              Samples.payload(t),
              p -> VALIDATOR.validate(Samples.envelope((EventPayload) p)),
              "payload."));
    }
    out.add(
        new Target(
            "source",
            SourceRef.class,
            "envelope.v1.json",
            "/$defs/source",
            Samples.SOURCE,
            s -> VALIDATOR.validate(Samples.event(EventType.COMPLAINT).withSource((SourceRef) s)),
            "source."));
    Complaint complaint = Samples.complaint();
    out.add(
        new Target(
            "complainant",
            Complaint.Complainant.class,
            "complaint.v1.json",
            "/$defs/complainant",
            complaint.complainant(),
            c ->
                VALIDATOR.validate(
                    Samples.envelope(
                        new Complaint(
                            complaint.ticketId(),
                            complaint.kind(),
                            complaint.channel(),
                            complaint.productCategory(),
                            complaint.text(),
                            (Complaint.Complainant) c))),
            "payload.complainant."));
    SamplingResult s = Samples.failedSampling();
    out.add(
        new Target(
            "tested_item",
            SamplingResult.TestedItem.class,
            "sampling-result.v1.json",
            "/$defs/tested_item",
            s.items().get(0),
            i ->
                VALIDATOR.validate(
                    Samples.envelope(
                        new SamplingResult(
                            s.batchId(),
                            s.programme(),
                            s.samplingDate(),
                            s.productCategory(),
                            s.productName(),
                            s.role(),
                            s.testingInstitution(),
                            List.of((SamplingResult.TestedItem) i),
                            s.verdict(),
                            s.otherPartyName()))),
            "payload.items[0]."));
    out.add(
        new Target(
            "enterprise",
            Enterprise.class,
            "enterprise.v1.json",
            "",
            Samples.enterprise(),
            e -> VALIDATOR.validateEnterprise((Enterprise) e),
            ""));
    out.add(
        new Target(
            "institution",
            Institution.class,
            "institution.v1.json",
            "",
            Samples.institution(),
            i -> VALIDATOR.validateInstitution((Institution) i),
            ""));
    out.add(
        new Target(
            "inspector",
            Inspector.class,
            "inspector.v1.json",
            "",
            Samples.inspector(),
            i -> VALIDATOR.validateInspector((Inspector) i),
            ""));
    return out;
  }

  // ---------------------------------------------------------------- files and routing

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyEventTypeHasASchemaRoutedFromTheEnvelope(EventType type) {
    String file = type.wireName() + ".v" + EventType.SCHEMA_VERSION + ".json";
    JsonNode schema = schema(file);
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
    assertTrue(schema.path("$id").asText().endsWith("/" + file), schema.path("$id").asText());

    JsonNode envelope = schema("envelope.v1.json");
    JsonNode wireNames = envelope.at("/properties/type/enum");
    assertTrue(contains(wireNames, type.wireName()), "type enum lacks " + type.wireName());
    boolean routed = false;
    for (JsonNode branch : envelope.path("allOf")) {
      if (type.wireName().equals(branch.at("/if/properties/type/const").asText())
          && branch.at("/then/properties/payload/$ref").asText().equals(file)) {
        assertEquals(type.schemaId(), branch.at("/then/properties/schema/const").asText());
        routed = true;
      }
    }
    assertTrue(routed, "envelope does not route " + type.wireName() + " to " + file);
  }

  @Test
  void envelopeTypeEnumHasNoStrayNames() {
    Set<String> names = new TreeSet<>();
    schema("envelope.v1.json").at("/properties/type/enum").forEach(n -> names.add(n.asText()));
    Set<String> expected = new TreeSet<>();
    Arrays.stream(EventType.values()).forEach(t -> expected.add(t.wireName()));
    assertEquals(expected, names);
  }

  @Test
  void referenceSchemasExist() {
    for (String f : List.of("enterprise.v1.json", "institution.v1.json", "inspector.v1.json")) {
      assertTrue(schema(f).path("$id").asText().endsWith("/" + f), f);
    }
  }

  // ---------------------------------------------------------------- properties

  @ParameterizedTest
  @MethodSource("targets")
  void schemaPropertiesAreExactlyTheJacksonNames(Target t) {
    JsonNode node = node(t);
    assertEquals(jacksonProperties(t.type()).keySet(), fieldNames(node.path("properties")));
    // The codec fails on unknown properties, so the schema must too.
    assertFalse(node.path("additionalProperties").asBoolean(true), "additionalProperties");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void schemaTypesMatchJavaTypes(Target t) {
    JsonNode props = node(t).path("properties");
    boolean writesNulls = !omitsNulls(t.type());
    Set<String> required = requiredFor(node(t), MAPPER.valueToTree(t.sample()));
    for (Map.Entry<String, JavaType> p : jacksonProperties(t.type()).entrySet()) {
      JsonNode ps = props.path(p.getKey());
      JavaType jt = p.getValue();
      String where = t.name() + "." + p.getKey();
      checkType(t, ps, jt, where);
      // A class without NON_NULL writes absent optional fields as null; the schema must allow it.
      if (writesNulls && !jt.isPrimitive() && !ps.has("$ref") && !required.contains(p.getKey())) {
        assertTrue(
            types(ps).contains("null"), where + " may be written as null, schema must allow it");
      }
    }
  }

  private void checkType(Target t, JsonNode ps, JavaType jt, String where) {
    Class<?> raw = jt.getRawClass();
    if (raw.isRecord()) {
      String ref = ps.path("$ref").asText();
      assertTrue(ref.startsWith("#"), where + " must $ref a local definition, has " + ps);
      String pointer = ref.substring(1);
      assertTrue(
          targets().stream()
              .anyMatch(
                  x -> x.type() == raw && x.file().equals(t.file()) && x.pointer().equals(pointer)),
          where + " refers to " + ref + " which is not checked as " + raw.getSimpleName());
      return;
    }
    assertTrue(
        types(ps).contains(jsonType(raw)), where + ": expected " + jsonType(raw) + ", " + ps);
    if (raw == Instant.class) {
      assertEquals("date-time", ps.path("format").asText(), where);
    } else if (raw == LocalDate.class) {
      assertEquals("date", ps.path("format").asText(), where);
    } else if (raw.isEnum()) {
      Set<String> javaValues = new TreeSet<>();
      for (Object constant : raw.getEnumConstants()) {
        javaValues.add(MAPPER.valueToTree(constant).asText());
      }
      Set<String> schemaValues = new TreeSet<>();
      ps.path("enum").forEach(v -> schemaValues.add(v.asText()));
      assertEquals(javaValues, schemaValues, where + " enum");
    } else if (List.class.isAssignableFrom(raw)) {
      checkType(t, ps.path("items"), jt.getContentType(), where + "[]");
    }
  }

  private static String jsonType(Class<?> raw) {
    if (raw == String.class || raw == Instant.class || raw == LocalDate.class || raw.isEnum()) {
      return "string";
    }
    if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
      return "integer";
    }
    if (raw == double.class || raw == Double.class) {
      return "number";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "boolean";
    }
    if (List.class.isAssignableFrom(raw)) {
      return "array";
    }
    if (raw.isInterface()) {
      return "object";
    }
    return fail("no JSON type mapping for " + raw);
  }

  // ---------------------------------------------------------------- required

  /**
   * Nulls each reference-typed field of a valid sample in turn; the fields whose absence the
   * validator reports as MISSING_FIELD (naming them) must be exactly the schema's required ones,
   * including those of an if/then/else that applies to the sample.
   */
  @ParameterizedTest
  @MethodSource("targets")
  void schemaRequiredIsWhatTheValidatorRequires(Target t) {
    assertEquals(List.of(), t.validate().apply(t.sample()), "sample must be valid");
    Map<String, String> jsonNames = jsonNames(t.type());
    Set<String> requiredByValidator = new TreeSet<>();
    RecordComponent[] components = t.type().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      if (components[i].getType().isPrimitive()) {
        continue;
      }
      String json = jsonNames.get(components[i].getName());
      List<Rejection> rejections = t.validate().apply(withNull(t.sample(), i));
      boolean missing =
          rejections.stream()
              .anyMatch(
                  r ->
                      r.reason() == RejectReason.MISSING_FIELD
                          && (t.fieldPrefix() + json).equals(r.field()));
      if (missing) {
        requiredByValidator.add(json);
      }
    }
    assertEquals(requiredFor(node(t), MAPPER.valueToTree(t.sample())), requiredByValidator);
  }

  /** The schema's required names for an instance: top level plus applicable if/then/else. */
  private static Set<String> requiredFor(JsonNode schema, JsonNode instance) {
    Set<String> out = new TreeSet<>();
    schema.path("required").forEach(n -> out.add(n.asText()));
    List<JsonNode> conditionals = new ArrayList<>();
    conditionals.add(schema);
    schema.path("allOf").forEach(conditionals::add);
    for (JsonNode c : conditionals) {
      if (!c.has("if")) {
        continue;
      }
      boolean matches = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = c.at("/if/properties").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> cond = it.next();
        assertTrue(cond.getValue().has("const"), "only const conditions are supported here");
        matches &= cond.getValue().get("const").equals(instance.get(cond.getKey()));
      }
      c.path(matches ? "then" : "else").path("required").forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  // ---------------------------------------------------------------- wire round trip

  @ParameterizedTest
  @MethodSource("targets")
  void samplesUseOnlySchemaPropertiesAndRoundTrip(Target t) throws IOException {
    JsonNode json = MAPPER.valueToTree(t.sample());
    Set<String> allowed = fieldNames(node(t).path("properties"));
    for (String key : fieldNames(json)) {
      assertTrue(allowed.contains(key), t.name() + " writes " + key + " which the schema lacks");
    }
    assertEquals(t.sample(), MAPPER.treeToValue(json, t.type()));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void eventsDecodeThroughTheCodec(EventType type) throws Exception {
    EventEnvelope e = Samples.event(type);
    assertEquals(e, EventCodec.decode(EventCodec.encode(e)));
  }

  // ---------------------------------------------------------------- helpers

  private static JsonNode schema(String file) {
    return SCHEMAS.computeIfAbsent(
        file,
        f -> {
          try (InputStream in =
              ContractSchemaTest.class.getClassLoader().getResourceAsStream("schemas/" + f)) {
            assertNotNull(in, "schemas/" + f + " is missing");
            return MAPPER.readTree(in);
          } catch (IOException e) {
            throw new AssertionError("cannot read schemas/" + f, e);
          }
        });
  }

  private static JsonNode node(Target t) {
    JsonNode n = schema(t.file()).at(t.pointer());
    assertFalse(n.isMissingNode(), t.file() + "#" + t.pointer() + " does not exist");
    return n;
  }

  /** JSON name → type of every property Jackson serialises for the type. */
  private static Map<String, JavaType> jacksonProperties(Class<?> type) {
    BeanDescription d = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type));
    Map<String, JavaType> out = new LinkedHashMap<>();
    for (BeanPropertyDefinition p : d.findProperties()) {
      if (p.couldSerialize()) {
        out.put(p.getName(), p.getPrimaryType());
      }
    }
    return out;
  }

  /** Record component name → JSON name. */
  private static Map<String, String> jsonNames(Class<?> type) {
    BeanDescription d = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type));
    Map<String, String> out = new LinkedHashMap<>();
    for (BeanPropertyDefinition p : d.findProperties()) {
      out.put(p.getInternalName(), p.getName());
    }
    for (RecordComponent c : type.getRecordComponents()) {
      assertTrue(out.containsKey(c.getName()), type.getSimpleName() + "." + c.getName());
    }
    return out;
  }

  private static boolean omitsNulls(Class<?> type) {
    JsonInclude inc = type.getAnnotation(JsonInclude.class);
    return inc != null && inc.value() == JsonInclude.Include.NON_NULL;
  }

  private static Object withNull(Object record, int index) {
    RecordComponent[] rc = record.getClass().getRecordComponents();
    Object[] args = new Object[rc.length];
    Class<?>[] types = new Class<?>[rc.length];
    try {
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
        args[i] = i == index ? null : rc[i].getAccessor().invoke(record);
      }
      Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
      return canonical.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Set<String> types(JsonNode propertySchema) {
    JsonNode type = propertySchema.path("type");
    Set<String> out = new TreeSet<>();
    if (type.isArray()) {
      type.forEach(n -> out.add(n.asText()));
    } else if (type.isTextual()) {
      out.add(type.asText());
    }
    return out;
  }

  private static Set<String> fieldNames(JsonNode object) {
    Set<String> out = new TreeSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static boolean contains(JsonNode array, String value) {
    return Stream.iterate(0, i -> i < array.size(), i -> i + 1)
        .anyMatch(i -> array.get(i).asText().equals(value));
  }
}

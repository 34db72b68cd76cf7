package io.qualitywatch.risk.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.risk.scoring.ScoringRules;
import io.qualitywatch.risk.warning.Thresholds;
import io.qualitywatch.risk.warning.WarningType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything an analyst may tune at runtime: scoring weights and bands, and the thresholds of each
 * warning type. Published as JSON on the rules topic; the stream job validates a new version and
 * applies it without restart, keeping the previous one when the new one is invalid.
 */
public record RiskRules(
    String version, ScoringRules scoring, Map<WarningType, WarningRule> warnings)
    implements Serializable {

  public RiskRules {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("version is required");
    }
    if (scoring == null) {
      throw new IllegalArgumentException("scoring is required");
    }
    EnumMap<WarningType, WarningRule> all = new EnumMap<>(WarningType.class);
    if (warnings != null) {
      all.putAll(warnings);
    }
    for (WarningType t : WarningType.values()) {
      if (!all.containsKey(t)) {
        throw new IllegalArgumentException("no warning rule for " + t);
      }
    }
    warnings = Map.copyOf(all);
  }

  public WarningRule warning(WarningType type) {
    return warnings.get(type);
  }

  /** Parses and validates; any problem becomes one message naming the field. */
  public static RiskRules parse(String json) throws InvalidRulesException {
    ObjectMapper mapper =
        EventCodec.newMapper().enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
    try {
      RiskRules r = mapper.readValue(json, RiskRules.class);
      if (r == null) {
        throw new InvalidRulesException("empty rules document");
      }
      return r;
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new InvalidRulesException("invalid rules at " + path(e) + ": " + cause.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new InvalidRulesException("invalid rules: " + e.getOriginalMessage(), e);
    }
  }

  private static String path(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
        && !m.getPath().isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (var ref : m.getPath()) {
        sb.append(sb.length() == 0 ? "" : ".")
            .append(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
      }
      return sb.toString();
    }
    return "top level";
  }

  public String toJson() {
    return EventCodec.encodeToString(this);
  }

  /** The defaults shipped in {@code rules/default-rules.json} (documented in docs/streaming.md). */
  public static RiskRules defaults() {
    try (InputStream in = RiskRules.class.getResourceAsStream("/rules/default-rules.json")) {
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InvalidRulesException e) {
      throw new IllegalStateException("shipped default rules are invalid: " + e.getMessage(), e);
    }
  }

  public static Thresholds thresholds(double red, double orange, double yellow, double blue) {
    return new Thresholds(red, orange, yellow, blue);
  }
}

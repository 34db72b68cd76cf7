package io.qualitywatch.streaming.rules;

import io.qualitywatch.risk.rules.InvalidRulesException;
import io.qualitywatch.risk.rules.RiskRules;
import java.io.Serializable;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The rules in force, as broadcast state shared by every rule-dependent operator. Stored as the
 * validated JSON (a String keeps the state off Kryo); each operator instance caches the parsed form
 * per version. Until the first rules arrive, the job's initial rules apply.
 */
public final class ActiveRules implements Serializable {
  public static final MapStateDescriptor<String, String> DESCRIPTOR =
      new MapStateDescriptor<>("active-rules", Types.STRING, Types.STRING);
  static final String KEY = "active";

  private final String initialJson;
  private transient String cachedJson;
  private transient RiskRules cached;

  public ActiveRules(RiskRules initial) {
    this.initialJson = initial.toJson();
  }

  /** The rules in force for this element. */
  public RiskRules get(ReadOnlyBroadcastState<String, String> state) throws Exception {
    String json = state.get(KEY);
    if (json == null) {
      json = initialJson;
    }
    if (!json.equals(cachedJson)) {
      try {
        cached = RiskRules.parse(json);
      } catch (InvalidRulesException e) {
        // Only validated rules reach the state, so this is a bug, not bad input.
        throw new IllegalStateException("broadcast rules failed to parse", e);
      }
      cachedJson = json;
    }
    return cached;
  }

  /** Stores newly validated rules; returns false when that version is already in force. */
  public static boolean update(
      org.apache.flink.api.common.state.BroadcastState<String, String> state, String validatedJson)
      throws Exception {
    if (validatedJson.equals(state.get(KEY))) {
      return false;
    }
    state.put(KEY, validatedJson);
    return true;
  }
}

package io.qualitywatch.risk.features;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The raw inputs a feature vector is made of, before encoding: numeric feature names and
 * categorical attribute names, in order. Two pipelines agree on their inputs exactly when their
 * specs are equal; {@link #fingerprint()} makes that cheap to check and to store.
 */
public record FeatureSpec(
    String version, List<String> numeric, @JsonProperty("categorical") List<String> categorical)
    implements Serializable {
  public FeatureSpec {
    numeric = List.copyOf(numeric);
    categorical = List.copyOf(categorical);
  }

  /** SHA-256 over version and names: changes whenever a feature is added, removed or reordered. */
  public String fingerprint() {
    return sha256(
        version + "|n:" + String.join(",", numeric) + "|c:" + String.join(",", categorical));
  }

  static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.qualitywatch.risk.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * What the registry records about a saved model, next to the model file.
 *
 * @param featureSchema the spec and encoded columns (see {@code FeatureSchema.describe})
 * @param schemaFingerprint SHA-256 of spec and columns: a loader compares its own with it
 * @param trainingDataSha256 SHA-256 over the training rows (target ids, labels, inputs) in order
 * @param modelSha256 SHA-256 of the model file; checked before deserialising
 */
public record ModelManifest(
    String name,
    String version,
    @JsonProperty("created_at") Instant createdAt,
    String algorithm,
    Map<String, Object> params,
    String calibration,
    @JsonProperty("feature_schema") Map<String, Object> featureSchema,
    @JsonProperty("schema_fingerprint") String schemaFingerprint,
    @JsonProperty("training_data_sha256") String trainingDataSha256,
    @JsonProperty("training_rows") long trainingRows,
    Map<String, Object> metrics,
    @JsonProperty("model_file") String modelFile,
    @JsonProperty("model_sha256") String modelSha256,
    @JsonProperty("library") String library) {}

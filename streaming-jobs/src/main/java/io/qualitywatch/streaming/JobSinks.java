package io.qualitywatch.streaming;

import io.qualitywatch.streaming.elastic.IndexDoc;
import io.qualitywatch.streaming.warning.WarningUpdate;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job writes: Elasticsearch documents, dead letters, the warnings topic, and the
 * duty-officer notifications (null when no webhook is configured).
 */
public record JobSinks(
    Sink<IndexDoc> elastic,
    Sink<String> deadLetters,
    Sink<WarningUpdate> warnings,
    Sink<WarningUpdate> notifications) {}

package io.qualitywatch.streaming.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** A named class, not a lambda: the Kafka sink's lineage code rejects lambda schemas. */
public class DeadLetterSerializer implements SerializationSchema<String> {
  @Override
  public byte[] serialize(String element) {
    return element.getBytes(StandardCharsets.UTF_8);
  }
}

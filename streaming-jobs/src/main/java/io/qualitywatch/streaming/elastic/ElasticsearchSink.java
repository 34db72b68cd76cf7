package io.qualitywatch.streaming.elastic;

import io.qualitywatch.ingestion.elastic.BulkWriter;
import io.qualitywatch.ingestion.elastic.ElasticSettings;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes {@link IndexDoc}s through {@link BulkWriter}. Flink calls {@code flush} before every
 * checkpoint completes, and the writer returns only when Elasticsearch has stored everything, so a
 * completed checkpoint never loses documents; replays after a restore rewrite the same ids, which
 * makes the at-least-once delivery idempotent — effectively exactly-once in the index.
 */
public class ElasticsearchSink implements Sink<IndexDoc> {
  private final ElasticSettings settings;

  public ElasticsearchSink(ElasticSettings settings) {
    this.settings = settings;
  }

  @Override
  public SinkWriter<IndexDoc> createWriter(WriterInitContext context) {
    return new Writer(new BulkWriter(settings));
  }

  static final class Writer implements SinkWriter<IndexDoc> {
    private final BulkWriter bulk;

    Writer(BulkWriter bulk) {
      this.bulk = bulk;
    }

    @Override
    public void write(IndexDoc doc, Context context) {
      bulk.indexJson(doc.index(), doc.id(), doc.json().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush(boolean endOfInput) {
      bulk.flush();
    }

    @Override
    public void close() {
      bulk.close();
    }
  }
}

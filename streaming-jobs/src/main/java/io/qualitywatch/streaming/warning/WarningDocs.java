package io.qualitywatch.streaming.warning;

import io.qualitywatch.streaming.elastic.IndexDoc;
import org.apache.flink.api.common.functions.MapFunction;

/** A warning is indexed under its deterministic id: every change overwrites the same document. */
public class WarningDocs implements MapFunction<WarningUpdate, IndexDoc> {
  private final String index;

  public WarningDocs(String index) {
    this.index = index;
  }

  @Override
  public IndexDoc map(WarningUpdate w) {
    return new IndexDoc(index, w.warningId(), w.json());
  }
}

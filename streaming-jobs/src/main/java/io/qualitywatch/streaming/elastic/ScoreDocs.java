package io.qualitywatch.streaming.elastic;

import io.qualitywatch.ingestion.elastic.IndexNames;
import io.qualitywatch.streaming.scoring.ScoreUpdate;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Each score update becomes the enterprise's latest score (id = credit code, overwritten) and one
 * history entry (id = credit code + triggering event, so replays overwrite, not duplicate).
 */
public class ScoreDocs implements FlatMapFunction<ScoreUpdate, IndexDoc> {
  private final IndexNames indices;

  public ScoreDocs(IndexNames indices) {
    this.indices = indices;
  }

  @Override
  public void flatMap(ScoreUpdate s, Collector<IndexDoc> out) {
    out.collect(new IndexDoc(indices.scores(), s.creditCode(), s.documentJson()));
    out.collect(new IndexDoc(indices.scoreHistory(), s.historyId(), s.documentJson()));
  }
}

package io.qualitywatch.batch.rating;

import static org.apache.spark.sql.functions.col;

import io.qualitywatch.risk.features.EntityHistory;
import io.qualitywatch.risk.features.HistoryKind;
import io.qualitywatch.risk.model.Prediction;
import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.risk.serving.EnterpriseFeatures;
import io.qualitywatch.risk.serving.FailureModel;
import io.qualitywatch.risk.serving.ModelChoice;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The learned model's failure probability and top reasons per enterprise with evidence, from its
 * event history up to the rating date: the stream's {@link FailureModel} over the same history, so
 * both give the same probability. The history needs every event of an enterprise in time order,
 * hence one shuffle and sort by credit code — the rating itself needs only sums and skips this.
 */
final class FailurePredictions {
  static final StructType SCHEMA =
      new StructType()
          .add("p_code", DataTypes.StringType)
          .add("failure_probability", DataTypes.DoubleType)
          .add("failure_reasons", DataTypes.createArrayType(DataTypes.StringType));

  private FailurePredictions() {}

  /**
   * @param evidence fact rows with evidence before {@code asOf}
   */
  static Dataset<Row> of(Dataset<Row> evidence, ModelChoice model, long asOf) {
    return evidence
        .select(
            "credit_code", "event_ms", "event_id", "evidence_kind", "region_code", "industry_code")
        .repartition(col("credit_code"))
        .sortWithinPartitions("credit_code", "event_ms", "event_id")
        .mapPartitions(new PredictPartition(model, asOf), Encoders.row(SCHEMA));
  }

  /** Predicts runs of one credit code in a partition sorted by credit code and time. */
  static final class PredictPartition implements MapPartitionsFunction<Row, Row> {
    private final ModelChoice model;
    private final long asOf;

    PredictPartition(ModelChoice model, long asOf) {
      this.model = model;
      this.asOf = asOf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
      // Once per executor JVM (cached), not per row: the registry must be readable there.
      FailureModel fm = FailureModel.shared(model);
      return new Iterator<>() {
        Row pending = in.hasNext() ? in.next() : null;

        @Override
        public boolean hasNext() {
          return pending != null;
        }

        @Override
        public Row next() {
          if (pending == null) {
            throw new NoSuchElementException();
          }
          String code = pending.getString(0);
          EntityHistory h = new EntityHistory();
          String region = null;
          String industry = null;
          while (pending != null && pending.getString(0).equals(code)) {
            Row r = pending;
            HistoryKind k = EnterpriseFeatures.kind(EvidenceKind.valueOf(r.getString(3)));
            if (k != null) {
              h.add(k, r.getLong(1));
            }
            // The latest event's attributes, as the stream sees them when it scores.
            region = r.isNullAt(4) ? region : r.getString(4);
            industry = r.isNullAt(5) ? industry : r.getString(5);
            pending = in.hasNext() ? in.next() : null;
          }
          Prediction p = fm.predict(code, h, industry, region, asOf);
          return RowFactory.create(
              code, p.probability(), CollectionConverters.asScala(FailureModel.reasons(p)).toSeq());
        }
      };
    }
  }
}

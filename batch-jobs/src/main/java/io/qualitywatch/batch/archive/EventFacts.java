package io.qualitywatch.batch.archive;

import io.qualitywatch.ingestion.contract.CertificateEvent;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EnforcementEvent;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.InspectionResult;
import io.qualitywatch.ingestion.contract.InstitutionReport;
import io.qualitywatch.ingestion.contract.Recall;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.contract.TradeMeasureNotice;
import io.qualitywatch.ingestion.validation.RejectedRecordException;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Flattens archived envelopes into one row per event with the fields the batch jobs group and count
 * by, plus the evidence {@link EvidenceMapper} derives from it — the same mapper the stream uses,
 * so the batch never decides on its own what an event says about risk.
 */
public final class EventFacts {
  private EventFacts() {}

  public static final StructType SCHEMA =
      new StructType()
          .add("event_id", DataTypes.StringType, false)
          .add("type", DataTypes.StringType, false)
          .add("event_time", DataTypes.TimestampType, false)
          .add("event_ms", DataTypes.LongType, false)
          .add("year", DataTypes.IntegerType, false)
          .add("credit_code", DataTypes.StringType)
          .add("enterprise_name", DataTypes.StringType)
          .add("region_code", DataTypes.StringType)
          .add("industry_code", DataTypes.StringType)
          .add("product_category", DataTypes.StringType)
          // payload kind / action / transition / verdict / outcome, as the enum constant name
          .add("subkind", DataTypes.StringType)
          .add("cert_id", DataTypes.StringType)
          .add("cert_type", DataTypes.StringType)
          .add("testing_institution", DataTypes.StringType)
          .add("report_year", DataTypes.IntegerType)
          .add("proficiency", DataTypes.StringType)
          .add("findings", DataTypes.IntegerType)
          .add("inspector_ids", DataTypes.createArrayType(DataTypes.StringType))
          .add("evidence_kind", DataTypes.StringType)
          .add("magnitude", DataTypes.DoubleType);

  /**
   * @param events archived events with a {@code json} column holding the envelope as received
   * @param zone the zone whose calendar defines a "year" (China Standard Time for 年度 figures)
   */
  public static Dataset<Row> flatten(Dataset<Row> events, ZoneId zone) {
    return events.select("json").mapPartitions(new Flatten(zone.getId()), Encoders.row(SCHEMA));
  }

  /** One envelope as a fact row; also used by tests and the benchmark to build fixtures. */
  public static Row toRow(EventEnvelope e, ZoneId zone) {
    Evidence ev = EvidenceMapper.map(e).orElse(null);
    Object p = e.payload();
    String subkind = null;
    String category = null;
    String certId = null;
    String certType = null;
    String lab = null;
    Integer reportYear = null;
    String proficiency = null;
    Integer findings = null;
    List<String> inspectors = null;
    if (p instanceof SamplingResult s) {
      subkind = s.verdict().name();
      category = s.productCategory();
      lab = s.testingInstitution();
    } else if (p instanceof Complaint c) {
      subkind = c.kind().name();
      category = c.productCategory();
    } else if (p instanceof CertificateEvent c) {
      subkind = c.transition().name();
      certId = c.certificateId();
      certType = c.certificateType().name();
    } else if (p instanceof EnforcementEvent en) {
      subkind = en.action().name();
      category = en.productCategory();
    } else if (p instanceof Recall r) {
      subkind = r.ordered() ? "ORDERED" : "VOLUNTARY";
      category = r.productCategory();
    } else if (p instanceof InspectionResult i) {
      subkind = i.outcome().name();
      findings = i.findings();
      inspectors = i.inspectorIds();
    } else if (p instanceof InstitutionReport r) {
      subkind = r.kind().name();
      reportYear = r.year();
      proficiency = r.proficiencyOutcome() == null ? null : r.proficiencyOutcome().name();
      findings = r.findings();
    } else if (p instanceof TradeMeasureNotice) {
      subkind = "NOTICE";
    }
    long ms = e.eventTime().toEpochMilli();
    return RowFactory.create(
        e.eventId(),
        e.type().wireName(),
        new Timestamp(ms),
        ms,
        e.eventTime().atZone(zone).getYear(),
        e.creditCode(),
        e.enterpriseName(),
        e.regionCode(),
        e.industryCode(),
        category,
        subkind,
        certId,
        certType,
        lab,
        reportYear,
        proficiency,
        findings,
        inspectors == null
            ? null
            : scala.jdk.javaapi.CollectionConverters.asScala(inspectors).toSeq(),
        ev == null ? null : ev.kind().name(),
        ev == null ? null : ev.magnitude());
  }

  /**
   * Decodes envelopes partition by partition. The archive holds only events that passed validation,
   * so an undecodable one means the contract changed under the archive: fail the job with the
   * record rather than rate enterprises on silently incomplete evidence.
   */
  static final class Flatten implements MapPartitionsFunction<Row, Row> {
    private final String zone;

    Flatten(String zone) {
      this.zone = zone;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      ZoneId z = ZoneId.of(zone);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return input.hasNext();
        }

        @Override
        public Row next() {
          if (!input.hasNext()) {
            throw new NoSuchElementException();
          }
          String json = input.next().getString(0);
          try {
            return toRow(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)), z);
          } catch (RejectedRecordException e) {
            throw new IllegalStateException(
                "archived event does not decode (" + e.getMessage() + "): " + abbreviate(json), e);
          }
        }
      };
    }

    private static String abbreviate(String s) {
      return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
  }

  /** Rows for a list of envelopes, in order (tests, fixtures). */
  public static List<Row> rows(Iterable<EventEnvelope> events, ZoneId zone) {
    List<Row> out = new ArrayList<>();
    for (EventEnvelope e : events) {
      out.add(toRow(e, zone));
    }
    return out;
  }
}

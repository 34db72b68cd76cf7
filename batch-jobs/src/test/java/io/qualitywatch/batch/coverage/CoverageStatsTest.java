package io.qualitywatch.batch.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.batch.Fixtures;
import io.qualitywatch.batch.SparkTestSession;
import io.qualitywatch.ingestion.contract.CertificateEvent.CertificateTransition;
import io.qualitywatch.ingestion.contract.CertificateEvent.CertificateType;
import io.qualitywatch.ingestion.contract.Complaint.ComplaintKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every expected figure below is counted by hand from the fixture in {@link #fixture()}. */
class CoverageStatsTest {
  static Map<String, Row> rows = new HashMap<>();

  @BeforeAll
  static void fixture() {
    Fixtures f =
        new Fixtures()
            .enterprise("E1", "330102", "C14", "2010-01-01")
            .enterprise("E2", "330102", "C14", "2010-01-01")
            .enterprise("E3", "330106", "F52", "2010-01-01")
            .enterprise("E4", "440105", "C38", "2010-01-01")
            .institution("L1", "330102", true, true)
            .institution("L2", "440105", false, true)
            .sampling("E1", "330102", "2025-03-01", true, "L1")
            .sampling("E1", "330102", "2025-04-01", false, "L2")
            .sampling("E3", "330106", "2025-05-01", true, "L1")
            .sampling("E4", "440105", "2025-06-01", true, null)
            .sampling("E1", "330102", "2024-06-01", true, "L1")
            .complaint("E1", "330102", "2025-02-01", ComplaintKind.COMPLAINT)
            .complaint("E1", "330102", "2025-02-02", ComplaintKind.COMPLAINT)
            .complaint("E4", "440105", "2025-02-03", ComplaintKind.REPORT)
            .complaint("E3", "330106", "2025-02-04", ComplaintKind.CONSULTATION)
            .cert(
                "E1",
                "330102",
                "2025-01-10",
                "C1",
                CertificateType.QMS,
                CertificateTransition.ISSUED)
            .cert(
                "E2",
                "330102",
                "2024-05-01",
                "C2",
                CertificateType.CCC,
                CertificateTransition.ISSUED)
            .cert(
                "E2",
                "330102",
                "2025-06-01",
                "C2",
                CertificateType.CCC,
                CertificateTransition.SUSPENDED)
            .cert(
                "E3",
                "330106",
                "2025-02-01",
                "C3",
                CertificateType.CCC,
                CertificateTransition.ISSUED)
            .cert(
                "E4",
                "440105",
                "2025-03-01",
                "C4",
                CertificateType.EMS,
                CertificateTransition.ISSUED)
            .cert(
                "E4",
                "440105",
                "2025-09-01",
                "C4",
                CertificateType.EMS,
                CertificateTransition.EXPIRED);
    // Industry codes travel on the envelope in real data; the fixture sets them on the facts.
    var facts =
        f.facts()
            .withColumn(
                "industry_code",
                org.apache.spark.sql.functions.expr(
                    "case credit_code when 'E1' then 'C14' when 'E2' then 'C14' when 'E3' then 'F52'"
                        + " else 'C38' end"));
    StructType rs =
        new StructType()
            .add("credit_code", DataTypes.StringType)
            .add("region_code", DataTypes.StringType)
            .add("industry_code", DataTypes.StringType)
            .add("band", DataTypes.StringType)
            .add("prev_band", DataTypes.StringType);
    var ratings =
        SparkTestSession.get()
            .createDataFrame(
                List.of(
                    RowFactory.create("E1", "330102", "C14", "C", "B"),
                    RowFactory.create("E2", "330102", "C14", "B", "B"),
                    RowFactory.create("E3", "330106", "F52", "A", "A"),
                    RowFactory.create("E4", "440105", "C38", "D", null)),
                rs);
    var targets = CoverageStats.targets(SparkTestSession.get(), null);
    for (Row r :
        CoverageStats.compute(
                facts, f.enterprises(), f.institutions(), ratings, targets, 2025, Fixtures.CST)
            .collectAsList()) {
      rows.put(
          r.getAs("region_code") + "/" + r.getAs("industry_code") + "/" + r.getAs("metric_code"),
          r);
    }
  }

  static double v(String key) {
    return rows.get(key).getAs("value");
  }

  @Test
  void samplingPassRatesAndTheirGapToNinetyPercent() {
    assertEquals(0.75, v("000000/*/sampling_pass_rate"));
    Row national = rows.get("000000/*/sampling_pass_rate");
    assertEquals(4.0, (double) national.getAs("denominator"));
    assertEquals(0.90, (double) national.getAs("target"));
    assertEquals(-0.15, (double) national.getAs("gap"), 1e-9);
    assertFalse((boolean) national.getAs("meets_target"));
    assertEquals(1.0, (double) national.getAs("previous_value"));
    assertEquals(-0.25, (double) national.getAs("yoy_change"), 1e-9);
    assertEquals(2.0 / 3, v("330000/*/sampling_pass_rate"), 1e-6);
    assertEquals(2.0 / 3, v("330100/*/sampling_pass_rate"), 1e-6);
    assertEquals(0.5, v("330000/C14/sampling_pass_rate"));
    assertEquals(1.0, v("440000/*/sampling_pass_rate"));
    assertTrue((boolean) rows.get("440000/*/sampling_pass_rate").getAs("meets_target"));
    assertEquals("浙江省", rows.get("330000/*/sampling_pass_rate").getAs("region_name"));
  }

  @Test
  void complaintsPerTenThousandAndTestingCapability() {
    assertEquals(3.0, v("000000/*/complaints"), "consultations are not complaints");
    assertEquals(7500.0, v("000000/*/complaints_per_10k"));
    assertEquals(2.0 / 3, v("000000/*/testing_capability_coverage"), 1e-6);
  }

  @Test
  void certificatesAndCccConformity() {
    assertEquals(2.0, v("000000/*/certificates_valid"));
    assertEquals(1.0, v("000000/*/certificates_valid_qms"));
    assertEquals(1.0, v("000000/*/certificates_valid_ccc"));
    assertEquals(2.0, v("000000/*/certified_organisations"));
    assertEquals(1.0, (double) rows.get("000000/*/certificates_valid").getAs("previous_value"));
    assertEquals(0.5, v("000000/*/ccc_conformity_rate"));
    Row city = rows.get("330100/*/certificates_valid");
    assertEquals(2000.0, (double) city.getAs("target"), "city target from the domain brief");
    assertNull(rows.get("000000/*/certificates_valid").getAs("target"), "no national target");
  }

  @Test
  void institutionsAndRatingShares() {
    assertEquals(1.0, v("330100/*/cnas_institutions"));
    assertEquals(-2.0, (double) rows.get("330100/*/cnas_institutions").getAs("gap"));
    assertEquals(2.0, v("000000/*/cma_institutions"));
    assertEquals(0.25, v("000000/*/rating_share_B"));
    assertEquals(
        2.0 / 3, (double) rows.get("000000/*/rating_share_B").getAs("previous_value"), 1e-6);
    assertEquals(
        "2025:CITY:330100:*:cnas_institutions",
        rows.get("330100/*/cnas_institutions").getAs("coverage_id"));
  }
}

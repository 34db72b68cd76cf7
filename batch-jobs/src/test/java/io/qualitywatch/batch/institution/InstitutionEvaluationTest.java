package io.qualitywatch.batch.institution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Fixtures;
import io.qualitywatch.ingestion.contract.Complaint.ComplaintKind;
import io.qualitywatch.ingestion.contract.EnforcementEvent.EnforcementAction;
import io.qualitywatch.ingestion.contract.InstitutionReport.ProficiencyOutcome;
import io.qualitywatch.ingestion.contract.InstitutionReport.ReportKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class InstitutionEvaluationTest {
  static final String R = "330102";

  static Fixtures compliant(Fixtures f, String code) {
    return f.report(code, R, "2025-03-01", ReportKind.ANNUAL_REPORT, 2024, null, null)
        .report(code, R, "2025-05-01", ReportKind.SELF_DECLARATION, 2025, null, null);
  }

  @Test
  void pointsCutsExclusionsAndLastYear() {
    Fixtures f =
        new Fixtures()
            .institution("GOOD", R, true, true)
            .institution("LATE", R, false, true)
            .institution("WEAK", R, true, true)
            .institution("BANNED", R, true, true)
            .institution("LISTED", R, true, true)
            .institution("DELISTED", R, true, true);
    compliant(f, "GOOD")
        .report(
            "GOOD",
            R,
            "2025-06-01",
            ReportKind.PROFICIENCY_TEST,
            2025,
            ProficiencyOutcome.SATISFACTORY,
            null);
    // No annual report: 15 points → B (10 ≤ 15 < 25).
    f.report("LATE", R, "2025-05-01", ReportKind.SELF_DECLARATION, 2025, null, null);
    // Unsatisfactory PT 20 + questionable 8 + 3 findings × 4 + 12 complaints capped at 20 = 60 → D.
    compliant(f, "WEAK")
        .report(
            "WEAK",
            R,
            "2025-06-01",
            ReportKind.PROFICIENCY_TEST,
            2025,
            ProficiencyOutcome.UNSATISFACTORY,
            null)
        .report(
            "WEAK",
            R,
            "2025-07-01",
            ReportKind.PROFICIENCY_TEST,
            2025,
            ProficiencyOutcome.QUESTIONABLE,
            null)
        .report("WEAK", R, "2025-08-01", ReportKind.SUPERVISION_FINDING, 2025, null, 3);
    for (int i = 0; i < 12; i++) {
      f.complaint("WEAK", R, "2025-09-%02d".formatted(i + 1), ComplaintKind.COMPLAINT);
    }
    // Last year WEAK was fine (A): reports in 2024 on 2023.
    f.report("WEAK", R, "2024-03-01", ReportKind.ANNUAL_REPORT, 2023, null, null)
        .report("WEAK", R, "2024-05-01", ReportKind.SELF_DECLARATION, 2024, null, null);
    compliant(f, "BANNED").enforcement("BANNED", R, "2025-10-01", EnforcementAction.PERMANENT_EXIT);
    compliant(f, "LISTED")
        .enforcement("LISTED", R, "2025-10-01", EnforcementAction.BLACKLIST_LISTED);
    compliant(f, "DELISTED")
        .enforcement("DELISTED", R, "2025-02-01", EnforcementAction.BLACKLIST_LISTED)
        .enforcement("DELISTED", R, "2025-11-01", EnforcementAction.BLACKLIST_REMOVED);

    Map<String, Row> r = new HashMap<>();
    for (Row row :
        InstitutionEvaluation.evaluate(
                f.facts(), f.institutions(), 2025, BatchSettings.defaults("unused"))
            .collectAsList()) {
      r.put(row.getAs("credit_code"), row);
    }
    assertEquals("A", r.get("GOOD").getAs("rating"));
    assertEquals(0.0, (double) r.get("GOOD").getAs("score"));
    assertTrue(r.get("GOOD").getList(r.get("GOOD").fieldIndex("factors")).isEmpty());

    assertEquals(15.0, (double) r.get("LATE").getAs("score"));
    assertEquals("B", r.get("LATE").getAs("rating"));
    List<Row> late = r.get("LATE").getList(r.get("LATE").fieldIndex("factors"));
    assertEquals(1, late.size());
    assertEquals("F01", late.get(0).getAs("code"));
    assertEquals("BASIC", late.get(0).getAs("group"));

    Row weak = r.get("WEAK");
    assertEquals(60.0, (double) weak.getAs("score"));
    assertEquals("D", weak.getAs("rating"));
    Row complaints =
        weak.<Row>getList(weak.fieldIndex("factors")).stream()
            .filter(x -> x.getAs("code").equals("F30"))
            .findFirst()
            .get();
    assertEquals(12.0, (double) complaints.getAs("value"));
    assertEquals(20.0, (double) complaints.getAs("contribution"), "complaints are capped");
    assertEquals("A", weak.getAs("previous_rating"));

    for (String code : List.of("BANNED", "LISTED")) {
      Row x = r.get(code);
      assertTrue((boolean) x.getAs("excluded"), code);
      assertNull(x.getAs("rating"), code + " gets no class");
      assertNull(x.getAs("score"), code);
    }
    assertEquals("BANNED", r.get("BANNED").getAs("exclusion_reason"));
    assertEquals("BLACKLISTED", r.get("LISTED").getAs("exclusion_reason"));
    assertTrue((boolean) r.get("LISTED").getAs("blacklisted"));
    assertFalse((boolean) r.get("DELISTED").getAs("excluded"), "removed from the list in time");
    assertEquals("A", r.get("DELISTED").getAs("rating"));
  }
}

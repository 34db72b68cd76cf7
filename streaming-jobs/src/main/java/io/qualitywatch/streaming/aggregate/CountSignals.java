package io.qualitywatch.streaming.aggregate;

import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.Region;
import io.qualitywatch.risk.scoring.Evidence;
import io.qualitywatch.risk.scoring.EvidenceKind;
import io.qualitywatch.risk.warning.WarningType;
import java.time.ZoneOffset;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Fans evidence out to the count-based warning subjects it belongs to. Regional complaints are
 * counted at county and city level at once, so a surge spread over several counties of a city still
 * stands out at city level.
 */
public class CountSignals implements FlatMapFunction<Evidence, CountSignal> {
  /** Chinese regulators count days in China Standard Time. */
  static final ZoneOffset CST = ZoneOffset.ofHours(8);

  private static final long DAY_MILLIS = 86_400_000L;

  @Override
  public void flatMap(Evidence e, Collector<CountSignal> out) {
    long day = Math.floorDiv(e.eventTimeMillis() + CST.getTotalSeconds() * 1000L, DAY_MILLIS);
    EvidenceKind k = e.kind();
    if (k == EvidenceKind.COMPLAINT || k == EvidenceKind.REPORT) {
      out.collect(
          signal(
              WarningType.COMPLAINT_SURGE,
              e.creditCode(),
              e,
              e.regionCode(),
              null,
              day,
              false,
              null));
      Region county = region(e.regionCode());
      if (county != null && e.industryCode() != null) {
        // County and city, not province: at province level the national seasonality (3·15,
        // holidays) dominates and a local surge is diluted — measured: every province-level
        // alarm on generated years was false (docs/streaming.md).
        String[][] levels = {{county.code(), county.level().name()}, {county.cityCode(), "CITY"}};
        for (String[] l : levels) {
          if (l[0] != null && !(l[1].equals("CITY") && l[0].equals(county.code()))) {
            out.collect(
                signal(
                    WarningType.REGIONAL_COMPLAINT_SURGE,
                    l[0] + "|" + e.industryCode(),
                    e,
                    l[0],
                    l[1],
                    day,
                    false,
                    null));
          }
        }
      }
    } else if (isSampling(k) && e.productCategory() != null) {
      Region r = region(e.regionCode());
      out.collect(
          signal(
              WarningType.FAILURE_WAVE,
              e.productCategory(),
              e,
              null,
              null,
              day,
              k != EvidenceKind.SAMPLING_PASS,
              r == null ? null : r.provinceCode()));
    } else if (k == EvidenceKind.CERT_ABUSE) {
      Region r = region(e.regionCode());
      String city = r == null ? null : r.cityCode() != null ? r.cityCode() : r.code();
      if (city != null) {
        out.collect(
            signal(
                WarningType.CERT_ABUSE_CLUSTER, city, e, city, "CITY", day, true, e.creditCode()));
      }
    }
  }

  private static boolean isSampling(EvidenceKind k) {
    return k == EvidenceKind.SAMPLING_PASS
        || k == EvidenceKind.SAMPLING_FAIL_MINOR
        || k == EvidenceKind.SAMPLING_FAIL_MAJOR
        || k == EvidenceKind.SAMPLING_FAIL_SAFETY;
  }

  private static Region region(String code) {
    return code == null ? null : CodeTables.get().region(code).orElse(null);
  }

  private static CountSignal signal(
      WarningType type,
      String subject,
      Evidence e,
      String regionCode,
      String regionLevel,
      long day,
      boolean failed,
      String distinct) {
    boolean enterprise = type == WarningType.COMPLAINT_SURGE;
    return new CountSignal(
        type + "|" + subject,
        type,
        subject,
        enterprise ? e.creditCode() : null,
        enterprise ? e.enterpriseName() : null,
        regionCode,
        regionLevel,
        type == WarningType.REGIONAL_COMPLAINT_SURGE || enterprise ? e.industryCode() : null,
        type == WarningType.FAILURE_WAVE ? e.productCategory() : null,
        day,
        e.eventTimeMillis(),
        e.eventId(),
        failed,
        distinct,
        e.creditCode());
  }
}

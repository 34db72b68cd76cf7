package io.qualitywatch.ingestion.generator;

import static io.qualitywatch.ingestion.generator.World.CATERING;
import static io.qualitywatch.ingestion.generator.World.MANUFACTURER;
import static io.qualitywatch.ingestion.generator.World.SELLER;

import io.qualitywatch.ingestion.contract.CertificateEvent;
import io.qualitywatch.ingestion.contract.CertificateEvent.CertificateTransition;
import io.qualitywatch.ingestion.contract.CertificateEvent.CertificateType;
import io.qualitywatch.ingestion.contract.EnforcementEvent;
import io.qualitywatch.ingestion.contract.EnforcementEvent.EnforcementAction;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.InstitutionReport;
import io.qualitywatch.ingestion.contract.InstitutionReport.ProficiencyOutcome;
import io.qualitywatch.ingestion.contract.InstitutionReport.ReportKind;
import io.qualitywatch.ingestion.contract.TradeMeasureNotice;
import io.qualitywatch.ingestion.reference.Institution.InstitutionKind;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Events whose timing is known up front: certificate lifecycles, institution reporting, foreign
 * trade-measure notices. Precomputing them keeps the daily run free of per-certificate state.
 */
final class Schedules {
  private Schedules() {}

  private static final CertificateType[] TYPES = CertificateType.values();

  /**
   * CCC applies to electrical and electronic products, toys, vehicles and some building products.
   */
  private static final Set<String> CCC_SCOPE = Set.of("C38", "C39", "C36", "C24", "C30");

  /** Share of enterprises holding any certificate, by size class (micro … large). */
  private static final double[] HOLD = {0.02, 0.2, 0.6, 0.95};

  private static final String TYPE_LETTERS = "QENSPFHCLJGO";

  static void certificates(World w) {
    if (w.bodies.length == 0) {
      return;
    }
    SplittableRandom r = Rand.stream(w.seed, World.P_CERTIFICATES, 0);
    int n = w.enterprises.length;
    long[] seq = {0};
    for (int e = 0; e < n; e++) {
      int kind = w.kind(e);
      double p = HOLD[w.size[e]] * (kind == MANUFACTURER ? 1.2 : kind == World.OTHER ? 0.5 : 0.9);
      if (r.nextDouble() >= p) {
        continue;
      }
      int count = 1;
      double more = new double[] {0.15, 0.35, 0.55, 0.75}[w.size[e]];
      while (count < 6 && r.nextDouble() < more) {
        count++;
      }
      double[] weights = typeWeights(w, e);
      boolean[] held = new boolean[TYPES.length];
      for (int c = 0; c < count; c++) {
        int t = Rand.weighted(r, weights);
        if (held[t] && TYPES[t] != CertificateType.CCC) {
          continue;
        }
        held[t] = true;
        certificate(w, r, e, TYPES[t], seq);
      }
    }
  }

  private static void certificate(
      World w, SplittableRandom r, int e, CertificateType type, long[] seq) {
    int body = w.bodies[w.bodyAlias.draw(r)];
    int validityYears = type == CertificateType.CCC ? 5 : 3;
    int validityDays = validityYears * 365;
    int issueOff = r.nextInt(validityDays + w.days) - validityDays;
    LocalDate issue = w.start.plusDays(issueOff);
    LocalDate validUntil = issue.plusYears(validityYears).minusDays(1);
    int expiryOff = w.dayOf(validUntil) + 1;
    String id = certificateId(body, issue.getYear(), type, ++seq[0]);
    List<String[]> known = w.certificatesByBody.computeIfAbsent(body, k -> new ArrayList<>());
    if (known.size() < 64) {
      known.add(new String[] {id, type.name()});
    }
    String bodyCode = w.institutions[body].creditCode();
    double q = w.quality[e];
    boolean ended = false;
    if (issueOff >= 0) {
      emit(
          w,
          r,
          issueOff,
          e,
          new CertificateEvent(
              id, type, CertificateTransition.ISSUED, bodyCode, validUntil, "初次认证"));
    } else {
      int horizon = Math.min(w.days, expiryOff);
      double years = horizon / 365.0;
      // Suspension follows failed surveillance audits: likelier for poorly run enterprises.
      if (horizon > 30 && r.nextDouble() < Math.min(0.5, 0.04 * q * years)) {
        int susp = r.nextInt(horizon - 20);
        emit(
            w,
            r,
            susp,
            e,
            new CertificateEvent(
                id,
                type,
                CertificateTransition.SUSPENDED,
                bodyCode,
                validUntil,
                Rand.pick(r, Vocab.CERT_SUSPEND_REASONS)));
        int decided = susp + Rand.between(r, 30, 180);
        double u = r.nextDouble();
        if (decided < expiryOff) {
          if (u < 0.5) {
            // Restored: the certificate continues under its number, hence an ISSUED with a reason.
            emit(
                w,
                r,
                decided,
                e,
                new CertificateEvent(
                    id, type, CertificateTransition.ISSUED, bodyCode, validUntil, "暂停期满整改合格，恢复证书"));
          } else if (u < 0.8) {
            emit(
                w,
                r,
                decided,
                e,
                new CertificateEvent(
                    id,
                    type,
                    CertificateTransition.REVOKED,
                    bodyCode,
                    validUntil,
                    Rand.pick(r, Vocab.CERT_REVOKE_REASONS)));
            ended = true;
          } else if (u < 0.9) {
            emit(
                w,
                r,
                decided,
                e,
                new CertificateEvent(
                    id, type, CertificateTransition.WITHDRAWN, bodyCode, validUntil, "持证人申请注销"));
            ended = true;
          } else {
            emit(
                w,
                r,
                expiryOff,
                e,
                new CertificateEvent(
                    id, type, CertificateTransition.EXPIRED, bodyCode, validUntil, "暂停期间证书到期"));
            ended = true;
          }
        } else {
          ended = true; // still suspended when it runs out: lapses without renewal
          emit(
              w,
              r,
              expiryOff,
              e,
              new CertificateEvent(
                  id, type, CertificateTransition.EXPIRED, bodyCode, validUntil, "暂停期间证书到期"));
        }
      } else if (horizon > 1 && r.nextDouble() < 0.012 * years) {
        emit(
            w,
            r,
            r.nextInt(horizon),
            e,
            new CertificateEvent(
                id, type, CertificateTransition.WITHDRAWN, bodyCode, validUntil, "持证人申请注销"));
        ended = true;
      }
    }
    if (!ended && expiryOff >= 0 && expiryOff < w.days) {
      if (r.nextDouble() < 0.75) {
        int renewOff = Math.max(0, expiryOff - r.nextInt(21));
        LocalDate renew = w.date(renewOff);
        int newBody = r.nextDouble() < 0.85 ? body : w.bodies[w.bodyAlias.draw(r)];
        String newId = certificateId(newBody, renew.getYear(), type, ++seq[0]);
        LocalDate newUntil = renew.plusYears(validityYears).minusDays(1);
        emit(
            w,
            r,
            renewOff,
            e,
            new CertificateEvent(
                newId,
                type,
                CertificateTransition.ISSUED,
                w.institutions[newBody].creditCode(),
                newUntil,
                "再认证"));
      } else {
        emit(
            w,
            r,
            expiryOff,
            e,
            new CertificateEvent(
                id, type, CertificateTransition.EXPIRED, bodyCode, validUntil, "证书有效期满未再认证"));
      }
    }
  }

  private static void emit(World w, SplittableRandom r, int day, int e, CertificateEvent c) {
    if (day >= 0 && day < w.days) {
      w.schedule(day, w.enterpriseEvent(day, ChinaCalendar.officeSecond(r), e, c), null);
    }
  }

  /** Like CNCA numbers: body, year, scheme letter, serial; CCC uses its 16-digit form. */
  static String certificateId(int body, int year, CertificateType type, long serial) {
    if (type == CertificateType.CCC) {
      return year + "01" + World.pad(body % 100, 2) + World.pad(serial, 8);
    }
    return World.pad(body, 3)
        + World.pad(year % 100, 2)
        + TYPE_LETTERS.charAt(type.ordinal())
        + World.pad(serial, 7)
        + "R0M";
  }

  /** Realistic type mix per business: management systems dominate, CCC where in scope. */
  private static double[] typeWeights(World w, int e) {
    double[] t = new double[TYPES.length];
    String code = w.industryCode[w.industry[e]];
    switch (w.kind(e)) {
      case MANUFACTURER -> {
        t[CertificateType.QMS.ordinal()] = 35;
        t[CertificateType.EMS.ordinal()] = 15;
        t[CertificateType.OHSMS.ordinal()] = 13;
        t[CertificateType.ENMS.ordinal()] = 2;
        t[CertificateType.IPM.ordinal()] = 4;
        t[CertificateType.LOW_CARBON.ordinal()] = 0.5;
        t[CertificateType.GREEN.ordinal()] = 3;
        if (CCC_SCOPE.contains(code)) {
          t[CertificateType.CCC.ordinal()] = 30;
        }
        if (code.equals("C38") || code.equals("C34")) {
          t[CertificateType.ENERGY_SAVING.ordinal()] = 4;
        }
        if (code.equals("C13") || code.equals("C14") || code.equals("C15")) {
          t[CertificateType.FOOD_SAFETY.ordinal()] = 20;
          t[CertificateType.ORGANIC.ordinal()] = code.equals("C14") ? 1 : 5;
        }
      }
      case SELLER -> {
        t[CertificateType.QMS.ordinal()] = 40;
        t[CertificateType.SERVICE.ordinal()] = 20;
        t[CertificateType.EMS.ordinal()] = 8;
        t[CertificateType.OHSMS.ordinal()] = 6;
      }
      case CATERING -> {
        t[CertificateType.FOOD_SAFETY.ordinal()] = 40;
        t[CertificateType.SERVICE.ordinal()] = 20;
        t[CertificateType.QMS.ordinal()] = 20;
      }
      default -> {
        t[CertificateType.QMS.ordinal()] = 50;
        t[CertificateType.EMS.ordinal()] = 20;
        t[CertificateType.OHSMS.ordinal()] = 15;
        t[CertificateType.SERVICE.ordinal()] = 10;
        t[CertificateType.IPM.ordinal()] = 5;
      }
    }
    return t;
  }

  // ---- institutions ------------------------------------------------------------------------

  static void institutionEvents(World w) {
    LocalDate end = w.config.end();
    for (int j = 0; j < w.institutions.length; j++) {
      SplittableRandom r = Rand.stream(w.seed, World.P_INSTITUTION_EVENTS, j);
      boolean lab = w.institutions[j].kind() == InstitutionKind.TESTING_LAB;
      double q = w.institutionQuality[j];
      String code = w.institutions[j].creditCode();
      for (int y = w.start.getYear(); y <= end.getYear(); y++) {
        LocalDate yStart = LocalDate.of(y, 1, 1);
        LocalDate from = yStart.isBefore(w.start) ? w.start : yStart;
        LocalDate to = LocalDate.of(y, 12, 31).isAfter(end) ? end : LocalDate.of(y, 12, 31);
        int span = (int) ChronoUnit.DAYS.between(from, to) + 1;
        double share = span / 365.0;
        // Annual reports on the previous year are due by the end of April.
        int reportDay = w.dayOf(LocalDate.of(y, 1, 2).plusDays(r.nextInt(118)));
        long issued = Math.round(Rand.lognormal(r, lab ? 4000 : 600, 1.1));
        int staff = (int) Math.max(3, Math.round(Rand.lognormal(r, lab ? 40 : 60, 0.8)));
        boolean cnas = w.institutions[j].cnasAccredited();
        boolean cma = w.institutions[j].cmaQualified();
        report(
            w,
            r,
            reportDay,
            j,
            new InstitutionReport(
                "AR" + (y - 1) + "-" + code,
                ReportKind.ANNUAL_REPORT,
                y - 1,
                issued,
                staff,
                cnas,
                cma,
                null,
                null));
        if (lab) {
          int sd = w.dayOf(from) + r.nextInt(span);
          report(
              w,
              r,
              sd,
              j,
              new InstitutionReport(
                  "SD" + y + "-" + code,
                  ReportKind.SELF_DECLARATION,
                  y,
                  null,
                  null,
                  cnas,
                  cma,
                  null,
                  null));
          int pts = Rand.poisson(r, 2.0 * share);
          for (int k = 1; k <= pts; k++) {
            double u = r.nextDouble();
            ProficiencyOutcome o =
                u < 0.04 * q
                    ? ProficiencyOutcome.UNSATISFACTORY
                    : u < 0.10 * q
                        ? ProficiencyOutcome.QUESTIONABLE
                        : ProficiencyOutcome.SATISFACTORY;
            int d = w.dayOf(from) + r.nextInt(span);
            report(
                w,
                r,
                d,
                j,
                new InstitutionReport(
                    "PT" + y + "-" + code + "-" + k,
                    ReportKind.PROFICIENCY_TEST,
                    y,
                    null,
                    null,
                    null,
                    null,
                    o,
                    null));
          }
        }
        if (r.nextDouble() < 0.2 * share) {
          int d = w.dayOf(from) + r.nextInt(span);
          int findings = Rand.poisson(r, 1.5 * q);
          report(
              w,
              r,
              d,
              j,
              new InstitutionReport(
                  "SF" + y + "-" + code + "-1",
                  ReportKind.SUPERVISION_FINDING,
                  y,
                  null,
                  null,
                  null,
                  null,
                  null,
                  findings));
        }
        // Exclusion from the market is rare and hits the worst institutions.
        if (r.nextDouble() < 0.003 * q * q * share) {
          int d = w.dayOf(from) + r.nextInt(span);
          String caseNo = "认监处〔" + y + "〕" + (100 + j) + "号";
          EnforcementEvent ev =
              new EnforcementEvent(
                  caseNo,
                  EnforcementAction.PERMANENT_EXIT,
                  "国家市场监督管理总局",
                  null,
                  lab ? "出具虚假检验检测报告" : "出具虚假认证结论",
                  null);
          if (d >= 0 && d < w.days) {
            w.schedule(d, w.institutionEvent(d, ChinaCalendar.officeSecond(r), j, ev), null);
          }
        }
      }
    }
  }

  private static void report(World w, SplittableRandom r, int day, int j, InstitutionReport rep) {
    if (day >= 0 && day < w.days) {
      w.schedule(day, w.institutionEvent(day, ChinaCalendar.officeSecond(r), j, rep), null);
    }
  }

  // ---- trade measures ----------------------------------------------------------------------

  static void tradeMeasures(World w) {
    SplittableRandom r = Rand.stream(w.seed, World.P_TRADE, 0);
    boolean[] present = new boolean[w.industryCode.length];
    for (short ind : w.industry) {
      present[ind] = true;
    }
    Map<String, Integer> serial = new HashMap<>();
    for (int i = 0; i < w.industryCode.length; i++) {
      String code = w.industryCode[i];
      String title = Vocab.TRADE_TITLES.get(code);
      if (!present[i] || title == null) {
        continue;
      }
      boolean sps = code.equals("C13") || code.equals("C14") || code.equals("C15");
      int count = Rand.poisson(r, 3.0 * w.days / 365.0);
      for (int k = 0; k < count; k++) {
        int day = r.nextInt(w.days);
        String member = Rand.pick(r, Vocab.WTO_MEMBERS);
        String measure = sps ? "SPS" : "TBT";
        int no = serial.merge(measure + member, 0, (a, b) -> a + 1 + r.nextInt(20));
        if (no == 0) {
          no = 100 + r.nextInt(900);
          serial.put(measure + member, no);
        }
        int[] cats = w.industryCategories[i];
        String cat = cats.length == 0 ? null : w.categories[cats[r.nextInt(cats.length)]].code();
        TradeMeasureNotice n =
            new TradeMeasureNotice(
                "G/" + measure + "/N/" + member + "/" + no,
                member,
                measure,
                cat,
                title,
                w.date(day).plusDays(60));
        EventEnvelope env =
            EventEnvelope.of(
                w.instant(day, Rand.between(r, 9 * 3600, 18 * 3600)),
                World.SOURCE,
                null,
                null,
                null,
                code,
                n);
        w.schedule(day, env, null);
      }
    }
  }
}

package io.qualitywatch.ingestion.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Seasonality of the Chinese regulatory year: when consumers complain (3·15 consumer-rights day,
 * shopping festivals, after holidays) and when offices sample and inspect (workdays, not during
 * Spring Festival or the National Day golden week).
 */
final class ChinaCalendar {
  /** Events are located in China Standard Time; there is no daylight saving. */
  static final ZoneOffset CST = ZoneOffset.ofHours(8);

  /** Lunar New Year's Day; the lunar calendar is not worth computing for a generator. */
  private static final Map<Integer, LocalDate> SPRING_FESTIVAL =
      Map.ofEntries(
          Map.entry(2020, LocalDate.of(2020, 1, 25)),
          Map.entry(2021, LocalDate.of(2021, 2, 12)),
          Map.entry(2022, LocalDate.of(2022, 2, 1)),
          Map.entry(2023, LocalDate.of(2023, 1, 22)),
          Map.entry(2024, LocalDate.of(2024, 2, 10)),
          Map.entry(2025, LocalDate.of(2025, 1, 29)),
          Map.entry(2026, LocalDate.of(2026, 2, 17)),
          Map.entry(2027, LocalDate.of(2027, 2, 6)),
          Map.entry(2028, LocalDate.of(2028, 1, 26)),
          Map.entry(2029, LocalDate.of(2029, 2, 13)),
          Map.entry(2030, LocalDate.of(2030, 2, 3)));

  /** Complaint hours: the 12315 hotline and apps are busiest late morning and mid-afternoon. */
  private static final double[] COMPLAINT_HOURS = {
    0.25, 0.12, 0.06, 0.05, 0.05, 0.1, 0.3, 0.8, 1.6, 2.3, 2.5, 2.3, 1.5, 1.8, 2.2, 2.3, 2.1, 1.8,
    1.4, 1.3, 1.3, 1.1, 0.8, 0.45
  };

  private static final double[] COMPLAINT_HOUR_CDF = cdf(COMPLAINT_HOURS);

  private ChinaCalendar() {}

  static LocalDate springFestival(int year) {
    return SPRING_FESTIVAL.getOrDefault(year, LocalDate.of(year, 2, 5));
  }

  /**
   * Relative complaint volume on a day (mean ≈ 1 over a year): weekly cycle, the 3·15 peak,
   * post-holiday and shopping-festival bumps, a dip during Spring Festival itself.
   */
  static double complaintFactor(LocalDate d) {
    double weekly =
        switch (d.getDayOfWeek()) {
          case MONDAY -> 1.14;
          case TUESDAY -> 1.08;
          case WEDNESDAY -> 1.04;
          case THURSDAY -> 1.0;
          case FRIDAY -> 0.96;
          case SATURDAY -> 0.9;
          case SUNDAY -> 0.88;
        };
    int y = d.getYear();
    double f = 0.85;
    f += bump(d, LocalDate.of(y, 3, 15), 1.6, 3.0);
    f += bump(d, LocalDate.of(y, 5, 4), 0.25, 3.0);
    f += bump(d, LocalDate.of(y, 6, 20), 0.4, 4.0);
    f += bump(d, LocalDate.of(y, 10, 8), 0.35, 3.5);
    f += bump(d, LocalDate.of(y, 11, 14), 0.6, 5.0);
    f += bump(d, LocalDate.of(y, 12, 14), 0.2, 3.0);
    // Summer food-safety complaints (catering, spoilage).
    f += bump(d, LocalDate.of(y, 7, 25), 0.15, 25.0);
    LocalDate sf = springFestival(y);
    long fromSf = ChronoUnit.DAYS.between(sf, d);
    if (fromSf >= -1 && fromSf <= 6) {
      f *= 0.55;
    } else {
      f += bump(d, sf.plusDays(10), 0.3, 4.0);
      f += bump(d, sf.minusDays(12), 0.2, 5.0);
    }
    return f * weekly;
  }

  /** Relative office activity (sampling, inspections, decisions): 1 on an ordinary workday. */
  static double workFactor(LocalDate d) {
    DayOfWeek dow = d.getDayOfWeek();
    double f = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0.06 : 1.0;
    LocalDate sf = springFestival(d.getYear());
    long fromSf = ChronoUnit.DAYS.between(sf, d);
    if (fromSf >= -1 && fromSf <= 6) {
      return 0.03;
    }
    MonthDay md = MonthDay.from(d);
    if (!md.isBefore(MonthDay.of(10, 1)) && !md.isAfter(MonthDay.of(10, 7))) {
      return 0.03;
    }
    if (!md.isBefore(MonthDay.of(5, 1)) && !md.isAfter(MonthDay.of(5, 5))) {
      return 0.05;
    }
    // Food sampling campaigns before Spring Festival and Mid-Autumn (mooncakes).
    f *=
        1.0
            + bump(d, sf.minusDays(20), 0.35, 8.0)
            + bump(d, LocalDate.of(d.getYear(), 9, 10), 0.2, 8.0);
    return f;
  }

  private static double bump(LocalDate d, LocalDate centre, double height, double width) {
    double x = ChronoUnit.DAYS.between(centre, d) / width;
    return Math.abs(x) > 4 ? 0 : height * StrictMath.exp(-x * x / 2);
  }

  /** A second of the day at which a complaint is received. */
  static int complaintSecond(java.util.SplittableRandom r) {
    double u = r.nextDouble();
    int h = 0;
    while (h < 23 && u > COMPLAINT_HOUR_CDF[h]) {
      h++;
    }
    return h * 3600 + r.nextInt(3600);
  }

  /** A second within office hours (08:30–12:00, 13:30–17:30). */
  static int officeSecond(java.util.SplittableRandom r) {
    int s = r.nextInt(7 * 3600 + 1800);
    return s < 3 * 3600 + 1800 ? 8 * 3600 + 1800 + s : 13 * 3600 + 1800 + (s - 3 * 3600 - 1800);
  }

  private static double[] cdf(double[] w) {
    double total = 0;
    for (double v : w) {
      total += v;
    }
    double[] c = new double[w.length];
    double acc = 0;
    for (int i = 0; i < w.length; i++) {
      acc += w[i];
      c[i] = acc / total;
    }
    return c;
  }
}

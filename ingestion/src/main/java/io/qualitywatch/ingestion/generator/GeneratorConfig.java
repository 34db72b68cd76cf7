package io.qualitywatch.ingestion.generator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to generate. Same config (including seed) → byte-identical output.
 *
 * @param seed everything random derives from it
 * @param enterprises size of the enterprise register (1,000 … 1,000,000+)
 * @param institutions testing labs + certification bodies; 0 = scale with {@code enterprises}
 * @param inspectors inspectors in the inspector list; 0 = scale with {@code enterprises}
 * @param start first day (China Standard Time)
 * @param days length of the period
 * @param provinces two-digit GB/T 2260 province prefixes to place enterprises in; empty = all of
 *     mainland China. A handful by default, so regional aggregates have enough enterprises per
 *     county at small scale.
 * @param complaintRateScale multiplies every complaint rate (1.0 = calibrated default)
 * @param incidents whether to inject the ground-truth incidents
 */
// The manifest promises byte-identical files for the same options: the two derived properties
// otherwise follow reflection's method order, which differs between JVM runs.
@JsonPropertyOrder(alphabetic = true)
public record GeneratorConfig(
    long seed,
    int enterprises,
    int institutions,
    int inspectors,
    LocalDate start,
    int days,
    List<String> provinces,
    @JsonProperty("complaint_rate_scale") double complaintRateScale,
    boolean incidents) {

  /** Zhejiang, Guangdong, Jiangsu, Shandong, Fujian: manufacturing-heavy, many enterprises. */
  public static final List<String> DEFAULT_PROVINCES = List.of("33", "44", "32", "37", "35");

  public static final LocalDate DEFAULT_START = LocalDate.of(2025, 1, 1);

  public GeneratorConfig {
    if (enterprises < 1) {
      throw new IllegalArgumentException("enterprises must be at least 1, got " + enterprises);
    }
    if (institutions < 0 || inspectors < 0) {
      throw new IllegalArgumentException("institutions and inspectors must not be negative");
    }
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, got " + days);
    }
    if (start == null) {
      throw new IllegalArgumentException("start date is required");
    }
    if (complaintRateScale < 0 || Double.isNaN(complaintRateScale)) {
      throw new IllegalArgumentException(
          "complaint rate scale must be 0 or more, got " + complaintRateScale);
    }
    provinces = normaliseProvinces(provinces);
  }

  /** 10,000 enterprises, one year from 2025-01-01, seed 42, incidents on. */
  public static GeneratorConfig defaults() {
    return new GeneratorConfig(42, 10_000, 0, 0, DEFAULT_START, 365, DEFAULT_PROVINCES, 1.0, true);
  }

  public GeneratorConfig withSeed(long s) {
    return new GeneratorConfig(
        s,
        enterprises,
        institutions,
        inspectors,
        start,
        days,
        provinces,
        complaintRateScale,
        incidents);
  }

  public GeneratorConfig withEnterprises(int n) {
    return new GeneratorConfig(
        seed, n, institutions, inspectors, start, days, provinces, complaintRateScale, incidents);
  }

  public GeneratorConfig withPeriod(LocalDate from, int numberOfDays) {
    return new GeneratorConfig(
        seed,
        enterprises,
        institutions,
        inspectors,
        from,
        numberOfDays,
        provinces,
        complaintRateScale,
        incidents);
  }

  public GeneratorConfig withProvinces(List<String> p) {
    return new GeneratorConfig(
        seed, enterprises, institutions, inspectors, start, days, p, complaintRateScale, incidents);
  }

  public GeneratorConfig withInstitutions(int n) {
    return new GeneratorConfig(
        seed, enterprises, n, inspectors, start, days, provinces, complaintRateScale, incidents);
  }

  public GeneratorConfig withInspectors(int n) {
    return new GeneratorConfig(
        seed, enterprises, institutions, n, start, days, provinces, complaintRateScale, incidents);
  }

  public GeneratorConfig withComplaintRateScale(double scale) {
    return new GeneratorConfig(
        seed, enterprises, institutions, inspectors, start, days, provinces, scale, incidents);
  }

  public GeneratorConfig withIncidents(boolean on) {
    return new GeneratorConfig(
        seed,
        enterprises,
        institutions,
        inspectors,
        start,
        days,
        provinces,
        complaintRateScale,
        on);
  }

  /** Institutions actually generated: about one per 250 enterprises, at least 20. */
  @JsonProperty("effective_institutions")
  public int effectiveInstitutions() {
    return institutions > 0 ? institutions : Math.max(20, enterprises / 250);
  }

  /** Inspectors actually generated: about one per 100 enterprises, at least 30. */
  @JsonProperty("effective_inspectors")
  public int effectiveInspectors() {
    return inspectors > 0 ? inspectors : Math.max(30, enterprises / 100);
  }

  public LocalDate end() {
    return start.plusDays(days - 1L);
  }

  /** Accepts {@code 33}, {@code 330000}, {@code all}; an empty list means all provinces. */
  private static List<String> normaliseProvinces(List<String> in) {
    if (in == null) {
      return DEFAULT_PROVINCES;
    }
    List<String> out = new ArrayList<>();
    for (String p : in) {
      String s = p == null ? "" : p.trim().toLowerCase(Locale.ROOT);
      if (s.isEmpty()) {
        continue;
      }
      if (s.equals("all")) {
        return List.of();
      }
      if (!s.matches("\\d{2}(\\d{4})?") || (s.length() == 6 && !s.endsWith("0000"))) {
        throw new IllegalArgumentException(
            "province must be a two-digit GB/T 2260 prefix like 33 (or 330000, or 'all'), got '"
                + p
                + "'");
      }
      String two = s.substring(0, 2);
      if (!out.contains(two)) {
        out.add(two);
      }
    }
    return List.copyOf(out);
  }
}

package io.qualitywatch.batch;

import io.qualitywatch.ingestion.config.ConfigException;
import io.qualitywatch.ingestion.config.ConfigSource;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.risk.scoring.RiskBand;
import io.qualitywatch.risk.scoring.ScoringRules;
import io.qualitywatch.risk.serving.ModelChoice;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code batch.*} section: where the lake is, rating rules and cut points, institution
 * deductions, plan ratios and the targets table. Unknown keys fail with their name.
 *
 * @param lakeDir root of the Parquet lake: {@code events/}, {@code reference/}, {@code out/}
 * @param rules scoring rules for ratings: the stream's weights unless a rules file is given; band
 *     cuts replaced by {@code rating.cuts} when set
 * @param noHistoryBand class of an enterprise without any evidence (documented default B)
 * @param institutionCuts lower bounds of classes B, C and D on the institution's 0–100 risk points
 * @param institutionWeights risk points per fact, see docs/batch.md
 * @param planRatios share of each risk class drawn for inspection
 * @param targetsFile targets table (TSV); null = the bundled table seeded from domain.md
 * @param model registry model whose failure probability the ratings carry ({@code model.registry},
 *     {@code model.name}, {@code model.version}); null = no model columns
 */
public record BatchSettings(
    String lakeDir,
    ZoneId zone,
    ScoringRules rules,
    RiskBand noHistoryBand,
    List<Double> institutionCuts,
    Map<String, Double> institutionWeights,
    long planSeed,
    Map<RiskBand, Double> planRatios,
    int inspectorsPerEntity,
    int recentInspectionDays,
    String targetsFile,
    ModelChoice model)
    implements Serializable {

  private static final Set<String> KEYS =
      Set.of(
          "lake.dir",
          "timezone",
          "rating.rules.file",
          "rating.cuts",
          "rating.no.history.band",
          "institution.cuts",
          "institution.weights",
          "plan.seed",
          "plan.ratios",
          "plan.inspectors.per.entity",
          "plan.recent.days",
          "targets.file",
          "model.registry",
          "model.name",
          "model.version");

  /** Risk points per fact of the institution evaluation (capped at 100). */
  public static final Map<String, Double> DEFAULT_INSTITUTION_WEIGHTS = defaultInstitutionWeights();

  public static BatchSettings from(ConfigSource config) {
    ConfigSource.Section s = config.section("batch");
    s.rejectUnknown(KEYS);
    ScoringRules rules = ScoringRules.defaults();
    String rulesFile = s.string("rating.rules.file", null);
    if (rulesFile != null) {
      try {
        rules =
            EventCodec.mapper()
                .readValue(Files.readAllBytes(Path.of(rulesFile)), ScoringRules.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read batch.rating.rules.file " + rulesFile, e);
      }
    }
    String cuts = s.string("rating.cuts", null);
    if (cuts != null) {
      rules = withCuts(rules, doubles("batch.rating.cuts", cuts));
    }
    Map<String, Double> instWeights = new LinkedHashMap<>(DEFAULT_INSTITUTION_WEIGHTS);
    String iw = s.string("institution.weights", null);
    if (iw != null) {
      pairs("batch.institution.weights", iw)
          .forEach(
              (k, v) -> {
                if (!DEFAULT_INSTITUTION_WEIGHTS.containsKey(k)) {
                  throw new ConfigException(
                      "batch.institution.weights: unknown fact '"
                          + k
                          + "'; known: "
                          + DEFAULT_INSTITUTION_WEIGHTS.keySet());
                }
                instWeights.put(k, v);
              });
    }
    Map<RiskBand, Double> ratios = new EnumMap<>(RiskBand.class);
    ratios.putAll(defaultRatios());
    String r = s.string("plan.ratios", null);
    if (r != null) {
      pairs("batch.plan.ratios", r)
          .forEach(
              (k, v) -> {
                if (v < 0 || v > 1) {
                  throw new ConfigException("batch.plan.ratios: " + k + " must be within 0..1");
                }
                ratios.put(band("batch.plan.ratios", k), v);
              });
    }
    List<Double> instCuts =
        doubles("batch.institution.cuts", s.string("institution.cuts", "10,25,40"));
    if (instCuts.size() != 3
        || !(instCuts.get(0) < instCuts.get(1) && instCuts.get(1) < instCuts.get(2))) {
      throw new ConfigException(
          "batch.institution.cuts needs 3 ascending values (lower bounds of B, C, D)");
    }
    return new BatchSettings(
        s.string("lake.dir", ".qw/lake"),
        ZoneId.of(s.string("timezone", "Asia/Shanghai")),
        rules,
        band("batch.rating.no.history.band", s.string("rating.no.history.band", "B")),
        instCuts,
        Map.copyOf(instWeights),
        Long.parseLong(s.string("plan.seed", "20250101")),
        Map.copyOf(ratios),
        s.integer("plan.inspectors.per.entity", 2),
        s.integer("plan.recent.days", 365),
        s.string("targets.file", null),
        ModelChoice.from(s));
  }

  public BatchSettings withModel(ModelChoice m) {
    return new BatchSettings(
        lakeDir,
        zone,
        rules,
        noHistoryBand,
        institutionCuts,
        institutionWeights,
        planSeed,
        planRatios,
        inspectorsPerEntity,
        recentInspectionDays,
        targetsFile,
        m);
  }

  public static BatchSettings defaults(String lakeDir) {
    return from(ConfigSource.of(Map.of("batch.lake.dir", lakeDir)));
  }

  public Path lake() {
    return Path.of(lakeDir);
  }

  public String path(String sub) {
    return lake().resolve(sub).toString();
  }

  public BatchSettings withRules(ScoringRules r) {
    return new BatchSettings(
        lakeDir,
        zone,
        r,
        noHistoryBand,
        institutionCuts,
        institutionWeights,
        planSeed,
        planRatios,
        inspectorsPerEntity,
        recentInspectionDays,
        targetsFile,
        model);
  }

  public BatchSettings withPlanSeed(long seed) {
    return new BatchSettings(
        lakeDir,
        zone,
        rules,
        noHistoryBand,
        institutionCuts,
        institutionWeights,
        seed,
        planRatios,
        inspectorsPerEntity,
        recentInspectionDays,
        targetsFile,
        model);
  }

  public BatchSettings withPlanRatios(Map<RiskBand, Double> ratios) {
    return new BatchSettings(
        lakeDir,
        zone,
        rules,
        noHistoryBand,
        institutionCuts,
        institutionWeights,
        planSeed,
        Map.copyOf(ratios),
        inspectorsPerEntity,
        recentInspectionDays,
        targetsFile,
        model);
  }

  /** The same weights with other band cuts: a rating policy may cut where the stream does not. */
  public static ScoringRules withCuts(ScoringRules rules, List<Double> cuts) {
    return new ScoringRules(rules.version(), rules.kinds(), rules.scale(), cuts);
  }

  /** Sampling ratios of 双随机 plans: A is rarely disturbed (无事不扰), D is targeted. */
  static Map<RiskBand, Double> defaultRatios() {
    return Map.of(RiskBand.A, 0.02, RiskBand.B, 0.05, RiskBand.C, 0.15, RiskBand.D, 0.40);
  }

  private static Map<String, Double> defaultInstitutionWeights() {
    Map<String, Double> m = new LinkedHashMap<>();
    // 基础信息: a missing annual report or self-declaration is itself a compliance failure.
    m.put("no_annual_report", 15.0);
    m.put("no_self_declaration", 5.0);
    // 能力水平: proficiency testing is the direct measure of a lab's technical competence.
    m.put("proficiency_unsatisfactory", 20.0);
    m.put("proficiency_questionable", 8.0);
    // 监督执法: per finding of a supervision check, and per administrative penalty.
    m.put("supervision_finding", 4.0);
    m.put("penalty", 15.0);
    m.put("abnormal_operation", 10.0);
    // 社会评价: complaints weigh little each, capped so a burst cannot outweigh a failed PT.
    m.put("complaint", 2.0);
    m.put("complaint_cap", 20.0);
    return m;
  }

  private static RiskBand band(String key, String v) {
    try {
      return RiskBand.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": '" + v + "' is not one of A, B, C, D");
    }
  }

  private static List<Double> doubles(String key, String v) {
    try {
      return Arrays.stream(v.split(",")).map(String::trim).map(Double::parseDouble).toList();
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be comma-separated numbers, got '" + v + "'");
    }
  }

  private static Map<String, Double> pairs(String key, String v) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String part : v.split(",")) {
      String[] kv = part.split(":");
      if (kv.length != 2) {
        throw new ConfigException(key + " must look like name:number,name:number, got '" + v + "'");
      }
      try {
        out.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
      } catch (NumberFormatException e) {
        throw new ConfigException(key + ": '" + kv[1] + "' is not a number");
      }
    }
    return out;
  }
}

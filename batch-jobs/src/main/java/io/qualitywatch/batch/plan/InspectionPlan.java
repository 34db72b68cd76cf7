package io.qualitywatch.batch.plan;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import io.qualitywatch.batch.BatchSettings;
import io.qualitywatch.batch.Regions;
import io.qualitywatch.risk.scoring.RiskBand;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The double-random inspection plan (双随机, "两库一单"): which entities are inspected next year and by
 * whom, drawn from the entity list (this year's ratings), the inspector list and the checklist.
 *
 * <p><b>Entities</b>: within each province and risk class, entities are ordered by SHA-256(seed |
 * credit code) and the first round(ratio × n) are drawn. The order depends on nothing but the seed
 * and the code, so anyone with the inputs re-draws the same plan on any engine and partitioning;
 * exact counts per class honour the ratios without sampling noise.
 *
 * <p><b>Inspectors</b>: per drawn entity (in draw order) the configured number of inspectors of the
 * same province, never one with a conflict — same unit (the inspector's county bureau is the
 * entity's own, 本单位回避) or one who inspected the entity within the recent window — choosing the
 * least loaded eligible inspectors, ties broken by SHA-256(seed | credit code | inspector id). An
 * entity without enough eligible inspectors keeps fewer (reported in the audit), never a conflicted
 * one.
 */
public final class InspectionPlan {
  private InspectionPlan() {}

  /** A plan: the assignments and the record that lets anyone re-draw and check it. */
  public record Plan(Dataset<Row> assignments, Audit audit) {}

  /**
   * @param inputHashes SHA-256 of each input in canonical form (sorted rows)
   * @param drawn per class: [population, drawn]
   */
  public record Audit(
      String planId,
      int year,
      LocalDate planDate,
      long seed,
      Map<String, Double> ratios,
      int inspectorsPerEntity,
      int recentInspectionDays,
      Map<String, String> inputHashes,
      String inputHash,
      Map<String, long[]> drawn,
      long assignments,
      long understaffed,
      int minLoad,
      int maxLoad)
      implements Serializable {}

  public static final StructType ASSIGNMENT =
      new StructType()
          .add("assignment_id", DataTypes.StringType)
          .add("plan_id", DataTypes.StringType)
          .add("year", DataTypes.IntegerType)
          .add("plan_date", DataTypes.DateType)
          .add("draw_order", DataTypes.StringType)
          .add("credit_code", DataTypes.StringType)
          .add("enterprise_name", DataTypes.StringType)
          .add("region_code", DataTypes.StringType)
          .add("city_code", DataTypes.StringType)
          .add("province_code", DataTypes.StringType)
          .add("industry_code", DataTypes.StringType)
          .add("risk_class", DataTypes.StringType)
          .add("sampling_ratio", DataTypes.DoubleType)
          .add("inspector_ids", DataTypes.createArrayType(DataTypes.StringType))
          .add("inspector_units", DataTypes.createArrayType(DataTypes.StringType))
          .add("checklist_items", DataTypes.createArrayType(DataTypes.StringType))
          .add("seed", DataTypes.LongType)
          .add("input_hash", DataTypes.StringType);

  public static String planId(int planYear, long seed) {
    return "SSJ-" + planYear + "-" + seed;
  }

  /**
   * @param ratings this year's ratings (credit_code, band, region_code, industry_code,
   *     enterprise_name)
   * @param inspectors the inspector list ({@code ReferenceTables.INSPECTOR})
   * @param facts event facts: inspections with their inspector ids give the recent-visit conflicts
   * @param ratingYear the rating year; the plan is for the following year, dated its 1 January
   */
  public static Plan draw(
      Dataset<Row> ratings,
      Dataset<Row> inspectors,
      Dataset<Row> facts,
      int ratingYear,
      BatchSettings settings) {
    int planYear = ratingYear + 1;
    LocalDate planDate = LocalDate.of(planYear, 1, 1);
    long seed = settings.planSeed();
    String planId = planId(planYear, seed);
    ZoneId zone = settings.zone();
    long planMs = planDate.atStartOfDay(zone).toInstant().toEpochMilli();
    long fromMs =
        planDate
            .minusDays(settings.recentInspectionDays())
            .atStartOfDay(zone)
            .toInstant()
            .toEpochMilli();

    Column ratio = lit(null).cast("double");
    for (RiskBand b : RiskBand.values()) {
      ratio =
          when(col("band").equalTo(b.name()), lit(settings.planRatios().get(b))).otherwise(ratio);
    }
    Dataset<Row> entities =
        ratings
            .select("credit_code", "enterprise_name", "region_code", "industry_code", "band")
            .where(col("region_code").isNotNull())
            .withColumn("province_code", Regions.province(col("region_code")))
            .withColumn("city_code", Regions.city(col("region_code")))
            .withColumn("sampling_ratio", ratio)
            .withColumn(
                "draw_order",
                sha2(concat_ws("|", lit(String.valueOf(seed)), col("credit_code")), 256));
    var byClass = Window.partitionBy("province_code", "band");
    Dataset<Row> ranked =
        entities
            .withColumn("rank", row_number().over(byClass.orderBy("draw_order")))
            .withColumn("population", count(lit(1)).over(byClass))
            .withColumn(
                "quota", round(col("population").multiply(col("sampling_ratio"))).cast("long"));
    Dataset<Row> drawn = ranked.where(col("rank").leq(col("quota")));

    Dataset<Row> recent =
        facts
            .where(
                col("type")
                    .equalTo("inspection")
                    .and(col("event_ms").geq(fromMs))
                    .and(col("event_ms").lt(planMs))
                    .and(col("inspector_ids").isNotNull()))
            .select(
                col("credit_code").as("r_code"), explode(col("inspector_ids")).as("inspector_id"));
    Dataset<Row> recentSets =
        recent.groupBy("r_code").agg(collect_set("inspector_id").as("recent_inspectors"));
    Dataset<Row> toAssign =
        drawn.join(recentSets, col("credit_code").equalTo(col("r_code")), "left").drop("r_code");

    List<Row> inspectorRows =
        inspectors
            .select("inspector_id", "unit", "region_code")
            .orderBy("inspector_id")
            .collectAsList();
    Map<String, List<String[]>> byProvince = new TreeMap<>();
    for (Row r : inspectorRows) {
      String region = r.getString(2);
      if (region == null) {
        continue;
      }
      byProvince
          .computeIfAbsent(region.substring(0, 2) + "0000", k -> new ArrayList<>())
          .add(new String[] {r.getString(0), r.getString(1), region});
    }
    List<String[]> checklist = checklist();
    Map<String, String> hashes = new LinkedHashMap<>();
    hashes.put(
        "entities",
        hashRows(
            ratings.select(concat_ws("|", col("credit_code"), col("band"), col("region_code")))));
    hashes.put(
        "inspectors",
        hashRows(
            inspectors.select(
                concat_ws("|", col("inspector_id"), col("unit"), col("region_code")))));
    hashes.put(
        "recent_inspections",
        hashRows(recent.select(concat_ws("|", col("r_code"), col("inspector_id")))));
    hashes.put(
        "checklist",
        sha256(String.join("\n", checklist.stream().map(a -> String.join("\t", a)).toList())));
    Map<String, Double> ratios = new TreeMap<>();
    settings.planRatios().forEach((b, v) -> ratios.put(b.name(), v));
    hashes.put(
        "parameters",
        sha256(
            "seed="
                + seed
                + ";ratios="
                + ratios
                + ";k="
                + settings.inspectorsPerEntity()
                + ";recent_days="
                + settings.recentInspectionDays()));
    String inputHash = sha256(hashes.toString());

    Dataset<Row> assignments =
        toAssign
            .groupByKey((MapFunction<Row, String>) r -> r.getAs("province_code"), Encoders.STRING())
            .flatMapGroups(
                new Assign(
                    planId,
                    planYear,
                    Date.valueOf(planDate),
                    seed,
                    inputHash,
                    settings.inspectorsPerEntity(),
                    byProvince,
                    checklist),
                Encoders.row(ASSIGNMENT));
    assignments = assignments.cache();

    Map<String, long[]> counts = new TreeMap<>();
    for (Row r :
        ranked
            .groupBy("band")
            .agg(
                count(lit(1)),
                org.apache.spark.sql.functions.sum(
                    when(col("rank").leq(col("quota")), 1).otherwise(0)))
            .collectAsList()) {
      counts.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
    }
    long total = assignments.count();
    long understaffed =
        assignments
            .where(
                org.apache
                    .spark
                    .sql
                    .functions
                    .size(col("inspector_ids"))
                    .lt(settings.inspectorsPerEntity()))
            .count();
    Map<String, Integer> load = new HashMap<>();
    for (String[] i : inspectorRows.stream().map(r -> new String[] {r.getString(0)}).toList()) {
      load.put(i[0], 0);
    }
    for (Row r :
        assignments.select(explode(col("inspector_ids"))).groupBy("col").count().collectAsList()) {
      load.put(r.getString(0), (int) r.getLong(1));
    }
    int min = load.values().stream().min(Integer::compare).orElse(0);
    int max = load.values().stream().max(Integer::compare).orElse(0);
    Audit audit =
        new Audit(
            planId,
            planYear,
            planDate,
            seed,
            ratios,
            settings.inspectorsPerEntity(),
            settings.recentInspectionDays(),
            hashes,
            inputHash,
            counts,
            total,
            understaffed,
            min,
            max);
    return new Plan(assignments, audit);
  }

  /** The checklist: item code, item, scope (industry section letter or *). */
  public static List<String[]> checklist() {
    try (InputStream in = InspectionPlan.class.getResourceAsStream("/plan/checklist.tsv")) {
      List<String[]> out = new ArrayList<>();
      boolean header = true;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        out.add(line.split("\t"));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 over the sorted SHA-256s of each row's canonical string: order-independent. */
  static String hashRows(Dataset<Row> oneStringColumn) {
    MessageDigest md = digest();
    Iterator<Row> it =
        oneStringColumn
            .select(sha2(col(oneStringColumn.columns()[0]), 256).as("h"))
            .orderBy("h")
            .toLocalIterator();
    while (it.hasNext()) {
      md.update(it.next().getString(0).getBytes(StandardCharsets.US_ASCII));
      md.update((byte) '\n');
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static String sha256(String s) {
    return HexFormat.of().formatHex(digest().digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Assigns inspectors to one province's drawn entities, in draw order. */
  static final class Assign implements FlatMapGroupsFunction<String, Row, Row> {
    private final String planId;
    private final int year;
    private final Date planDate;
    private final long seed;
    private final String inputHash;
    private final int k;
    private final Map<String, List<String[]>> inspectorsByProvince;
    private final List<String[]> checklist;

    Assign(
        String planId,
        int year,
        Date planDate,
        long seed,
        String inputHash,
        int k,
        Map<String, List<String[]>> inspectorsByProvince,
        List<String[]> checklist) {
      this.planId = planId;
      this.year = year;
      this.planDate = planDate;
      this.seed = seed;
      this.inputHash = inputHash;
      this.k = k;
      this.inspectorsByProvince = inspectorsByProvince;
      this.checklist = checklist;
    }

    @Override
    public Iterator<Row> call(String province, Iterator<Row> rows) {
      List<Row> entities = new ArrayList<>();
      rows.forEachRemaining(entities::add);
      entities.sort(Comparator.comparing((Row r) -> r.<String>getAs("draw_order")));
      List<String[]> pool = inspectorsByProvince.getOrDefault(province, List.of());
      Map<String, Integer> load = new HashMap<>();
      List<Row> out = new ArrayList<>(entities.size());
      for (Row e : entities) {
        String code = e.getAs("credit_code");
        String region = e.getAs("region_code");
        List<String> recentList =
            e.isNullAt(e.fieldIndex("recent_inspectors"))
                ? List.of()
                : e.getList(e.fieldIndex("recent_inspectors"));
        Set<String> recent = Set.copyOf(recentList);
        List<String[]> eligible = new ArrayList<>();
        Map<String, String> tie = new HashMap<>();
        for (String[] i : pool) {
          if (!conflict(i, region, recent)) {
            eligible.add(i);
            tie.put(i[0], sha256(seed + "|" + code + "|" + i[0]));
          }
        }
        eligible.sort(
            Comparator.comparingInt((String[] i) -> load.getOrDefault(i[0], 0))
                .thenComparing(i -> tie.get(i[0])));
        List<String> ids = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (int j = 0; j < Math.min(k, eligible.size()); j++) {
          String[] i = eligible.get(j);
          ids.add(i[0]);
          units.add(i[1]);
          load.merge(i[0], 1, Integer::sum);
        }
        String industry = e.getAs("industry_code");
        List<String> items = new ArrayList<>();
        for (String[] c : checklist) {
          if (c[2].equals("*") || (industry != null && industry.startsWith(c[2]))) {
            items.add(c[0] + " " + c[1]);
          }
        }
        out.add(
            RowFactory.create(
                planId + ":" + code,
                planId,
                year,
                planDate,
                e.getAs("draw_order"),
                code,
                e.getAs("enterprise_name"),
                region,
                e.getAs("city_code"),
                province,
                industry,
                e.getAs("band"),
                e.getAs("sampling_ratio"),
                seq(ids),
                seq(units),
                seq(items),
                seed,
                inputHash));
      }
      return out.iterator();
    }

    /** The two conflict rules; also used by tests to check every assignment. */
    static boolean conflict(String[] inspector, String entityRegion, Set<String> recent) {
      return inspector[2].equals(entityRegion) || recent.contains(inspector[0]);
    }

    private static scala.collection.immutable.Seq<String> seq(List<String> l) {
      return CollectionConverters.asScala(l).toSeq();
    }
  }
}

package io.qualitywatch.batch.archive;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reference data (the enterprise register, institutions, the inspector list) from the JSONL files
 * the registers export (same records as {@code io.qualitywatch.ingestion.reference}) into Parquet
 * under {@code <lake>/reference/<name>}. Explicit schemas: inference would read a whole file twice
 * and type an all-null column as string.
 */
public final class ReferenceTables {
  private ReferenceTables() {}

  public static final String ENTERPRISES = "enterprises";
  public static final String INSTITUTIONS = "institutions";
  public static final String INSPECTORS = "inspectors";

  public static final StructType ENTERPRISE =
      new StructType()
          .add("credit_code", DataTypes.StringType)
          .add("name", DataTypes.StringType)
          .add("region_code", DataTypes.StringType)
          .add("industry_code", DataTypes.StringType)
          .add("size_class", DataTypes.StringType)
          .add("established", DataTypes.DateType)
          .add("lat", DataTypes.DoubleType)
          .add("lon", DataTypes.DoubleType);

  public static final StructType INSTITUTION =
      new StructType()
          .add("credit_code", DataTypes.StringType)
          .add("name", DataTypes.StringType)
          .add("kind", DataTypes.StringType)
          .add("region_code", DataTypes.StringType)
          .add("cnas_accredited", DataTypes.BooleanType)
          .add("cma_qualified", DataTypes.BooleanType);

  public static final StructType INSPECTOR =
      new StructType()
          .add("inspector_id", DataTypes.StringType)
          .add("name", DataTypes.StringType)
          .add("unit", DataTypes.StringType)
          .add("region_code", DataTypes.StringType)
          .add("specialties", DataTypes.createArrayType(DataTypes.StringType));

  public static StructType schema(String name) {
    return switch (name) {
      case ENTERPRISES -> ENTERPRISE;
      case INSTITUTIONS -> INSTITUTION;
      case INSPECTORS -> INSPECTOR;
      default -> throw new IllegalArgumentException("no reference table " + name);
    };
  }

  public static Dataset<Row> readJsonl(SparkSession spark, String name, String file) {
    return spark.read().schema(schema(name)).option("mode", "FAILFAST").json(file);
  }

  public static void write(Dataset<Row> table, String dir) {
    table.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir);
  }
}

package io.qualitywatch.dashboards.kibana;

import java.util.List;

/**
 * One dashboard panel, described once: {@link KibanaObjects} renders it as a Lens saved object and
 * {@link PanelQueries} as the Elasticsearch aggregation Kibana would run, so the panel can be
 * checked against real data without Kibana.
 *
 * @param id saved-object id (stable: re-imports overwrite)
 * @param title Chinese and English
 * @param concept the data view's concept ({@code warnings}, {@code scores}, …)
 * @param chart how Lens draws it
 * @param kql the panel's own query (KQL), empty for none
 * @param buckets bucket columns, outermost first
 * @param metric the value column
 */
public record Panel(
    String id,
    String title,
    String concept,
    Chart chart,
    String kql,
    List<Bucket> buckets,
    Metric metric) {

  /** Lens visualisation types used here. */
  public enum Chart {
    BAR_STACKED,
    BAR_PERCENT,
    LINE,
    DONUT,
    METRIC,
    TABLE
  }

  /** A bucket column: terms, a date histogram or named KQL filters. */
  public record Bucket(
      Kind kind, String field, String label, int size, String interval, List<Filter> filters) {
    public enum Kind {
      TERMS,
      DATE_HISTOGRAM,
      FILTERS
    }

    public static Bucket terms(String field, String label, int size) {
      return new Bucket(Kind.TERMS, field, label, size, null, List.of());
    }

    public static Bucket months(String field, String label) {
      return new Bucket(Kind.DATE_HISTOGRAM, field, label, 0, "M", List.of());
    }

    public static Bucket filters(String label, Filter... filters) {
      return new Bucket(Kind.FILTERS, null, label, 0, null, List.of(filters));
    }
  }

  /** One named KQL filter of a filters bucket. */
  public record Filter(String label, String kql) {}

  /** The value: a count of documents or a field statistic. */
  public record Metric(Op op, String field, String label) {
    public enum Op {
      COUNT("count"),
      AVERAGE("average"),
      SUM("sum"),
      MAX("max"),
      MIN("min"),
      UNIQUE_COUNT("unique_count");

      final String lens;

      Op(String lens) {
        this.lens = lens;
      }
    }

    public static Metric count(String label) {
      return new Metric(Op.COUNT, null, label);
    }

    public static Metric of(Op op, String field, String label) {
      return new Metric(op, field, label);
    }
  }
}

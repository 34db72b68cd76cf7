package io.qualitywatch.ingestion.generator;

import io.qualitywatch.ingestion.contract.EventType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code qw generate}: writes a seeded, realistic data set with ground truth to a directory. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Generates enterprises, institutions, inspectors and a time-ordered event stream with"
            + " injected ground-truth incidents. Same options and seed give byte-identical files.")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(
      names = "--enterprises",
      defaultValue = "10000",
      description = "Enterprises in the register (default: ${DEFAULT-VALUE}).")
  int enterprises;

  @Option(
      names = "--days",
      defaultValue = "365",
      description = "Days to generate (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--start",
      defaultValue = "2025-01-01",
      paramLabel = "YYYY-MM-DD",
      description = "First day (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--provinces",
      split = ",",
      paramLabel = "CODE",
      description = "Province prefixes, e.g. 33,44, or 'all' (default: 33,44,32,37,35).")
  List<String> provinces;

  @Option(
      names = "--institutions",
      description = "Labs + certification bodies (default: enterprises/250, min 20).")
  Integer institutions;

  @Option(names = "--inspectors", description = "Inspectors (default: enterprises/100, min 30).")
  Integer inspectors;

  @Option(
      names = "--complaint-scale",
      defaultValue = "1.0",
      description = "Multiplier on complaint rates (default: ${DEFAULT-VALUE}).")
  double complaintScale;

  @Option(names = "--no-incidents", description = "Do not inject ground-truth incidents.")
  boolean noIncidents;

  @Option(names = "--verbose", description = "Progress every simulated month and incident details.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(new CommandLine(new GenerateCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    GeneratorConfig config = config();
    long t0 = System.nanoTime();
    DataGenerator generator;
    try {
      generator = new DataGenerator(config);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    long t1 = System.nanoTime();
    err.printf(
        Locale.ROOT,
        "reference: %,d enterprises, %,d institutions, %,d inspectors in %.1f s%n",
        generator.reference().enterprises().size(),
        generator.reference().institutions().size(),
        generator.reference().inspectors().size(),
        (t1 - t0) / 1e9);
    err.flush();
    if (config.end().isAfter(LocalDate.now(ChinaCalendar.CST))) {
      // Ingestion rejects events dated in the future; say so before writing them.
      err.printf(
          Locale.ROOT,
          "warning: the period ends %s, after today: ingestion rejects future-dated events%n",
          config.end());
    }
    long[] last = {System.nanoTime(), 0};
    GeneratedFiles files =
        generator.writeTo(
            out,
            (day, events) -> {
              long now = System.nanoTime();
              boolean monthEnd = day.plusDays(1).getDayOfMonth() == 1 || day.equals(config.end());
              if ((verbose && monthEnd)
                  || now - last[0] > 10_000_000_000L
                  || day.equals(config.end())) {
                double secs = (now - t1) / 1e9;
                err.printf(
                    Locale.ROOT,
                    "  %s  %,12d events  %,10.0f events/s%n",
                    day,
                    events,
                    events / Math.max(secs, 1e-9));
                err.flush();
                last[0] = now;
              }
            });
    double secs = (System.nanoTime() - t1) / 1e9;
    stdout.printf(
        Locale.ROOT, "wrote %s in %.1f s (%,.0f events/s)%n", out, secs, files.eventCount() / secs);
    stdout.printf(
        Locale.ROOT, "events: %,d lines, %,d unique%n", files.eventCount(), files.uniqueEvents());
    for (EventType t : EventType.values()) {
      stdout.printf(Locale.ROOT, "  %-20s %,12d%n", t.wireName(), files.countsByType().get(t));
    }
    List<Incident> incidents = generator.incidents();
    stdout.printf(Locale.ROOT, "incidents: %d%n", incidents.size());
    for (Incident i : incidents) {
      stdout.printf(
          Locale.ROOT,
          "  %s %-25s %s .. %s  %5d events  %s%n",
          i.id(),
          i.kind(),
          i.start(),
          i.end(),
          i.eventIds().size(),
          verbose ? i.description() : "");
    }
    stdout.flush();
    return 0;
  }

  private GeneratorConfig config() {
    try {
      return new GeneratorConfig(
          seed,
          enterprises,
          institutions == null ? 0 : institutions,
          inspectors == null ? 0 : inspectors,
          start,
          days,
          provinces == null ? GeneratorConfig.DEFAULT_PROVINCES : provinces,
          complaintScale,
          !noIncidents);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "invalid option: " + e.getMessage(), e);
    }
  }
}

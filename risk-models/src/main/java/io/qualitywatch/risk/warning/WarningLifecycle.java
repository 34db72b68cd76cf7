package io.qualitywatch.risk.warning;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qualitywatch.ingestion.codes.CodeTables;
import io.qualitywatch.ingestion.codes.Region;
import io.qualitywatch.ingestion.contract.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a warning lives: raised when its metric reaches a level, escalated or de-escalated as the
 * metric moves between levels, kept open while the metric stays below blue until a quiet period has
 * passed, then closed automatically. One open warning per subject and type: new evidence updates it
 * instead of raising another. Pure logic over {@link WarningState}, so it is tested without Flink
 * and the Flink functions only add state and timers.
 */
public final class WarningLifecycle {
  public static final int MAX_EVIDENCE = 50;
  public static final String AUTO_CLOSED_QUIET = "AUTO_CLOSED_QUIET";

  private static final ObjectMapper MAPPER = EventCodec.mapper();
  private static final TypeReference<List<WarningDocument.HistoryEntry>> HISTORY =
      new TypeReference<>() {};

  private WarningLifecycle() {}

  /** A change worth writing: the action and the warning as it now stands. */
  public record Change(WarningAction action, WarningDocument document) {}

  /**
   * Applies a measurement. Returns the change, or empty when nothing about the warning changed (no
   * open warning and the metric below blue).
   */
  public static Optional<Change> onSignal(
      WarningState s, WarningSignal signal, Thresholds thresholds, String rulesVersion) {
    WarningLevel level = thresholds.levelFor(signal.metric());
    copySubject(s, signal);
    if (!s.open && level == null) {
      return Optional.empty();
    }
    WarningAction action;
    WarningLevel from = s.level;
    if (!s.open) {
      s.sequence++;
      s.open = true;
      s.openedAt = signal.atMillis();
      s.evidenceIds = "";
      s.historyJson = "[]";
      action = WarningAction.RAISED;
    } else if (level == null || level == s.level) {
      action = WarningAction.UPDATED;
    } else {
      action = level.moreSevereThan(s.level) ? WarningAction.ESCALATED : WarningAction.DEESCALATED;
    }
    if (level != null) {
      s.level = level;
      s.lastActiveAt = Math.max(s.lastActiveAt, signal.atMillis());
      s.threshold = thresholds.thresholdOf(level);
    }
    s.metric = signal.metric();
    s.updatedAt = Math.max(s.updatedAt, signal.atMillis());
    if (!signal.reasons().isEmpty()) {
      s.reasons = String.join("|", signal.reasons());
    }
    // Evidence below blue on an open warning does not explain it; everything else does.
    if (level != null || action != WarningAction.UPDATED) {
      addEvidence(s, signal.eventId());
    }
    if (action != WarningAction.UPDATED) {
      addHistory(s, signal.atMillis(), action, from, s.level, signal.metric());
    }
    return Optional.of(new Change(action, document(s, action, null, rulesVersion)));
  }

  /**
   * Applies a measurement as {@link #onSignal} does, but first closes an open warning whose quiet
   * period ended before the measurement. The quiet timer would have closed it too; doing it here
   * makes the outcome independent of whether the timer or the measurement reaches the operator
   * first (that order depends on how far each watermark jumps, so it differs between runs).
   */
  public static List<Change> apply(
      WarningState s,
      WarningSignal signal,
      Thresholds thresholds,
      Duration quiet,
      String rulesVersion) {
    List<Change> out = new ArrayList<>(2);
    if (s.open) {
      onQuiet(s, signal.atMillis(), quiet, rulesVersion).ifPresent(out::add);
    }
    onSignal(s, signal, thresholds, rulesVersion).ifPresent(out::add);
    return out;
  }

  /**
   * When the quiet timer fires (or a later measurement arrives): closes the warning if nothing kept
   * it active meanwhile. It is closed as of its quiet deadline, whatever the time of the call, so
   * every path to the close records the same time.
   */
  public static Optional<Change> onQuiet(
      WarningState s, long nowMillis, Duration quiet, String rulesVersion) {
    long deadline = quietDeadline(s, quiet);
    if (!s.open || nowMillis < deadline) {
      return Optional.empty();
    }
    s.open = false;
    s.updatedAt = Math.max(s.updatedAt, deadline);
    addHistory(s, deadline, WarningAction.CLOSED, s.level, null, s.metric);
    return Optional.of(
        new Change(
            WarningAction.CLOSED,
            document(s, WarningAction.CLOSED, AUTO_CLOSED_QUIET, rulesVersion)));
  }

  /** When the quiet timer for {@code s} should fire. */
  public static long quietDeadline(WarningState s, Duration quiet) {
    return s.lastActiveAt + quiet.toMillis();
  }

  public static String warningId(WarningState s) {
    return s.type.scope() + ":" + s.subjectKey + ":" + s.type + ":" + s.sequence;
  }

  private static void copySubject(WarningState s, WarningSignal sig) {
    s.type = sig.type();
    s.subjectKey = sig.subjectKey();
    if (sig.creditCode() != null) {
      s.creditCode = sig.creditCode();
    }
    if (sig.enterpriseName() != null) {
      s.enterpriseName = sig.enterpriseName();
    }
    if (sig.regionCode() != null) {
      s.regionCode = sig.regionCode();
    }
    if (sig.industryCode() != null) {
      s.industryCode = sig.industryCode();
    }
    if (sig.productCategory() != null) {
      s.productCategory = sig.productCategory();
    }
  }

  private static void addEvidence(WarningState s, String eventId) {
    if (eventId == null) {
      return;
    }
    List<String> ids = splitIds(s.evidenceIds);
    if (ids.contains(eventId)) {
      return;
    }
    ids.add(eventId);
    if (ids.size() > MAX_EVIDENCE) {
      ids = ids.subList(ids.size() - MAX_EVIDENCE, ids.size());
    }
    s.evidenceIds = String.join(",", ids);
  }

  private static List<String> splitIds(String joined) {
    return joined == null || joined.isEmpty()
        ? new ArrayList<>()
        : new ArrayList<>(Arrays.asList(joined.split(",")));
  }

  private static void addHistory(
      WarningState s,
      long at,
      WarningAction action,
      WarningLevel from,
      WarningLevel to,
      double metric) {
    List<WarningDocument.HistoryEntry> h = history(s);
    h.add(
        new WarningDocument.HistoryEntry(
            Instant.ofEpochMilli(at),
            action.name(),
            from == null ? null : from.name(),
            to == null ? null : to.name(),
            metric));
    try {
      s.historyJson = MAPPER.writeValueAsString(h);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<WarningDocument.HistoryEntry> history(WarningState s) {
    try {
      return new ArrayList<>(MAPPER.readValue(s.historyJson, HISTORY));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WarningDocument document(
      WarningState s, WarningAction action, String disposition, String rulesVersion) {
    Region region =
        s.regionCode == null ? null : CodeTables.get().region(s.regionCode).orElse(null);
    return new WarningDocument(
        warningId(s),
        s.type.scope().name(),
        s.type.scope().label(),
        s.type.name(),
        s.type.label(),
        s.subjectKey,
        s.creditCode,
        s.enterpriseName,
        s.regionCode,
        region == null ? null : region.cityCode(),
        region == null ? null : region.provinceCode(),
        region == null ? null : region.name(),
        s.industryCode,
        s.productCategory,
        s.level.name(),
        s.level.rank(),
        s.level.label(),
        s.open ? "OPEN" : "CLOSED",
        action.name(),
        Instant.ofEpochMilli(s.openedAt),
        Instant.ofEpochMilli(s.updatedAt),
        s.open ? null : Instant.ofEpochMilli(s.updatedAt),
        disposition,
        s.metric,
        s.threshold,
        s.reasons.isEmpty() ? List.of() : List.of(s.reasons.split("\\|")),
        splitIds(s.evidenceIds),
        history(s),
        rulesVersion);
  }
}

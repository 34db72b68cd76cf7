package io.qualitywatch.risk.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Features at time t may use only data from before t's day. */
class FeatureLeakageTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  @Test
  void futureAndSameDayEventsDoNotChangeAnyFeature() {
    QwDataset d = SmallWorld.data();
    FeatureBuilder fb = SmallWorld.builder();
    List<FeatureRow> base = fb.build(d.events(), d.targets(), d.profiles());
    // Pile events of every kind onto each sampled target's enterprise at and after its cutoff: the
    // same day (like its own result and its batch twin), the next day and a year later.
    SplittableRandom r = new SplittableRandom(5);
    List<HistoryEvent> perturbed = new ArrayList<>(d.events());
    List<Integer> checked = new ArrayList<>();
    // One checked target per enterprise: events added after one target's cutoff are legitimately
    // history for the same enterprise's later targets.
    java.util.Set<String> used = new java.util.HashSet<>();
    for (int i = 0; i < d.targets().size(); i += 7) {
      Target t = d.targets().get(i);
      if (!used.add(t.entityId())) {
        continue;
      }
      long c = fb.cutoff(t.timeMillis());
      for (HistoryKind k : HistoryKind.values()) {
        long at = c + (long) (r.nextDouble() * 3 * DAY) + (r.nextBoolean() ? 0 : 365 * DAY);
        perturbed.add(new HistoryEvent(t.entityId(), at, k));
      }
      perturbed.add(new HistoryEvent(t.entityId(), c, HistoryKind.SAMPLING_FAIL_SAFETY));
      checked.add(i);
    }
    List<FeatureRow> after = fb.build(perturbed, d.targets(), d.profiles());
    for (int i : checked) {
      assertTrue(
          base.get(i).sameInputs(after.get(i)),
          "target " + d.targets().get(i).id() + " saw events from its own day or later");
    }
  }

  @Test
  void anEventJustBeforeTheCutoffIsSeen() {
    // The control: the perturbation test above would pass trivially if nothing were counted.
    QwDataset d = SmallWorld.data();
    FeatureBuilder fb = SmallWorld.builder();
    Target t = d.targets().get(d.targets().size() / 2);
    long c = fb.cutoff(t.timeMillis());
    List<HistoryEvent> one =
        List.of(new HistoryEvent(t.entityId(), c - 1, HistoryKind.SAMPLING_FAIL_SAFETY));
    FeatureRow before = fb.build(List.of(), List.of(t), Map.of()).get(0);
    FeatureRow with = fb.build(one, List.of(t), Map.of()).get(0);
    assertEquals(0, before.numeric("fails_safety_prior"));
    assertEquals(1, with.numeric("fails_safety_prior"));
    assertEquals(1, with.numeric("fails_365d"));
    assertTrue(with.numeric("days_since_failure") < 1e-3);
    assertNotEquals(before.rulesScore(), with.rulesScore());
  }

  @Test
  void batchFeaturesEqualFeaturesFromTheFilteredPastAlone() {
    // A brute-force reference: for a sample of targets, rebuild from scratch with only the events
    // before the cutoff. Catches a batch builder that feeds too much (or too little) history.
    QwDataset d = SmallWorld.data();
    FeatureBuilder fb = SmallWorld.builder();
    List<FeatureRow> all = SmallWorld.rows();
    for (int i = 0; i < d.targets().size(); i += 97) {
      Target t = d.targets().get(i);
      long c = fb.cutoff(t.timeMillis());
      List<HistoryEvent> past = new ArrayList<>();
      for (HistoryEvent e : d.events()) {
        if (e.entityId().equals(t.entityId()) && e.timeMillis() < c) {
          past.add(e);
        }
      }
      FeatureRow ref = fb.build(past, List.of(t), d.profiles()).get(0);
      assertTrue(all.get(i).sameInputs(ref), "target " + t.id());
    }
  }

  @Test
  void streamingHistoryWithLaterEventsGivesTheBatchFeatures() {
    // The stream keeps one EntityHistory per key that already holds later events when it scores.
    QwDataset d = SmallWorld.data();
    FeatureBuilder fb = SmallWorld.builder();
    java.util.Map<String, EntityHistory> full = new java.util.HashMap<>();
    for (HistoryEvent e : d.events()) {
      full.computeIfAbsent(e.entityId(), k -> new EntityHistory()).add(e);
    }
    List<FeatureRow> all = SmallWorld.rows();
    for (int i = 0; i < d.targets().size(); i += 13) {
      Target t = d.targets().get(i);
      FeatureRow s =
          fb.row(
              t, full.get(t.entityId()), d.profiles().get(t.entityId()), all.get(i).rulesScore());
      assertTrue(all.get(i).sameInputs(s), "target " + t.id());
    }
  }
}

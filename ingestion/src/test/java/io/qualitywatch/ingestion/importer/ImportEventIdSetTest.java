package io.qualitywatch.ingestion.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.ingestion.contract.EventIds;
import io.qualitywatch.ingestion.contract.EventType;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportEventIdSetTest {
  @Test
  void behavesLikeASetThroughGrowth() {
    EventIdSet ids = new EventIdSet();
    Set<String> reference = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      String id = EventIds.of(EventType.SAMPLING_RESULT, "c" + (i % 40_000), "k");
      assertEquals(reference.add(id), ids.add(id), id);
    }
    // Ids that are not contract-shaped still de-duplicate.
    assertTrue(ids.add("legacy-42"));
    assertFalse(ids.add("legacy-42"));
    assertTrue(ids.add("x-ABCDEF0123456789ABCD"));
    assertFalse(ids.add("x-ABCDEF0123456789ABCD"));
    // Zero first 64 bits mark empty slots inside the set; such ids are still ordinary members.
    String zero = "sampling-result-" + "0".repeat(20);
    String zeroHigh = "sampling-result-" + "0".repeat(16) + "abcd";
    assertTrue(ids.add(zero));
    assertFalse(ids.add(zero));
    assertTrue(ids.add(zeroHigh));
    assertFalse(ids.add(zeroHigh));
    for (int i = 50_000; i < 120_000; i++) { // through more growth
      String id = EventIds.of(EventType.SAMPLING_RESULT, "c" + i, "k");
      assertEquals(reference.add(id), ids.add(id), id);
    }
    assertFalse(ids.add(zero));
    assertFalse(ids.add(zeroHigh));
    assertEquals(reference.size() + 4, ids.size());
  }
}

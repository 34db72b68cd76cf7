package io.qualitywatch.batch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

class LoadAverageTest {
  @Test
  void theThreeAveragesOfProcLoadavgInOrder() {
    ArrayNode a = BatchBenchmark.parseLoadAverage("14.02 9.71 8.30 3/512 40211\n");
    assertEquals(3, a.size());
    assertEquals(14.02, a.get(0).asDouble());
    assertEquals(9.71, a.get(1).asDouble());
    assertEquals(8.30, a.get(2).asDouble());
  }

  @Test
  void aMalformedFileIsAnErrorNotZeros() {
    assertThrows(RuntimeException.class, () -> BatchBenchmark.parseLoadAverage("n/a"));
  }
}

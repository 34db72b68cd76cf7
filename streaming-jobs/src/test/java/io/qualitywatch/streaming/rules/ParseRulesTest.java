package io.qualitywatch.streaming.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.streaming.source.ParseEvents;
import io.qualitywatch.streaming.source.RawEvent;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseRulesTest {
  @Test
  void validRulesPassInvalidOnesAreDeadLetteredWithTheReason() throws Exception {
    var h = ProcessFunctionTestHarnesses.forProcessFunction(new ParseRules());
    String good = RiskRules.defaults().toJson();
    String bad = good.replace("\"band_cuts\":[20.0,45.0,70.0]", "\"band_cuts\":[70.0,45.0,20.0]");
    h.processElement(new RawEvent("qw.rules", 0, 0, 0, good.getBytes()), 0);
    h.processElement(new RawEvent("qw.rules", 0, 1, 0, bad.getBytes()), 0);
    assertEquals(1, h.extractOutputValues().size());
    var letters = h.getSideOutput(ParseEvents.DEAD_LETTERS);
    assertEquals(1, letters.size());
    String letter = letters.poll().getValue();
    assertTrue(letter.contains("band_cuts"), letter);
    assertTrue(letter.contains("\"line\":1"), letter);
  }
}

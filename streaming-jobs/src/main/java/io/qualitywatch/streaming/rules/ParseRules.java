package io.qualitywatch.streaming.rules;

import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.kafka.DeadLetter;
import io.qualitywatch.ingestion.validation.RejectReason;
import io.qualitywatch.ingestion.validation.Rejection;
import io.qualitywatch.risk.rules.InvalidRulesException;
import io.qualitywatch.risk.rules.RiskRules;
import io.qualitywatch.streaming.source.ParseEvents;
import io.qualitywatch.streaming.source.RawEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates rules documents from the control topic before they are broadcast: an invalid document
 * is rejected with its reason on the dead-letter output and the previous rules stay in force.
 */
public class ParseRules extends ProcessFunction<RawEvent, String> {
  public static final String RULES_ACCEPTED = "rules-accepted";
  public static final String RULES_REJECTED = "rules-rejected";
  private static final Logger LOG = LoggerFactory.getLogger(ParseRules.class);

  private transient LongCounter accepted;
  private transient LongCounter rejected;

  @Override
  public void open(OpenContext ctx) {
    accepted = getRuntimeContext().getLongCounter(RULES_ACCEPTED);
    rejected = getRuntimeContext().getLongCounter(RULES_REJECTED);
  }

  @Override
  public void processElement(RawEvent raw, Context ctx, Collector<String> out) {
    try {
      RiskRules rules = RiskRules.parse(new String(raw.value(), StandardCharsets.UTF_8));
      accepted.add(1);
      LOG.info("rules version {} accepted from {}", rules.version(), raw.location());
      out.collect(rules.toJson());
    } catch (InvalidRulesException e) {
      rejected.add(1);
      LOG.warn("rules rejected from {}: {}", raw.location(), e.getMessage());
      ctx.output(
          ParseEvents.DEAD_LETTERS,
          EventCodec.encodeToString(
              DeadLetter.of(
                  new Rejection(RejectReason.INVALID_VALUE, "rules", e.getMessage()),
                  raw.topic() + "/" + raw.partition(),
                  raw.offset(),
                  raw.value(),
                  Instant.now())));
    }
  }
}

package io.qualitywatch.streaming.testing;

import io.qualitywatch.ingestion.codes.CreditCode;
import io.qualitywatch.ingestion.contract.Complaint;
import io.qualitywatch.ingestion.contract.EventCodec;
import io.qualitywatch.ingestion.contract.EventEnvelope;
import io.qualitywatch.ingestion.contract.HazardClass;
import io.qualitywatch.ingestion.contract.SamplingResult;
import io.qualitywatch.ingestion.contract.SourceRef;
import io.qualitywatch.streaming.source.RawEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Small valid events for stream tests. */
public final class Events {
  public static final String REGION = "110101";

  private Events() {}

  /** A valid credit code registered in {@link #REGION}, distinct per {@code n}. */
  public static String creditCode(int n) {
    return CreditCode.complete("91" + REGION + String.format("%08d", n) + "X");
  }

  public static EventEnvelope failedSampling(String code, String batch, LocalDate day) {
    return EventEnvelope.of(
        day.atStartOfDay().toInstant(ZoneOffset.UTC),
        SourceRef.of("test"),
        code,
        "测试食品有限公司",
        REGION,
        "C14",
        new SamplingResult(
            batch,
            "national-supervision",
            day,
            "FOOD-CONDIMENT",
            "酱油",
            SamplingResult.SampledRole.PRODUCER,
            null,
            List.of(
                new SamplingResult.TestedItem(
                    "菌落总数", false, HazardClass.SAFETY_CRITICAL, null, null)),
            SamplingResult.Verdict.FAIL,
            null));
  }

  public static EventEnvelope complaint(String code, String ticket, Instant at, String phone) {
    return EventEnvelope.of(
        at,
        SourceRef.of("12315"),
        code,
        "测试食品有限公司",
        REGION,
        "C14",
        new Complaint(
            ticket,
            Complaint.ComplaintKind.COMPLAINT,
            "12315",
            "FOOD-CONDIMENT",
            "买到的酱油有异味，联系电话" + phone,
            new Complaint.Complainant("张三丰", phone, "110101199003071234")));
  }

  public static RawEvent raw(EventEnvelope e, long offset) {
    return new RawEvent(
        "qw.events." + e.type().wireName() + ".v1",
        0,
        offset,
        e.eventTime().toEpochMilli(),
        EventCodec.encode(e));
  }

  public static RawEvent raw(String text, long offset) {
    return new RawEvent("qw.events.complaint.v1", 0, offset, 0L, text.getBytes());
  }
}

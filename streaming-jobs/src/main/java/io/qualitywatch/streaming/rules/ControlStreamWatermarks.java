package io.qualitywatch.streaming.rules;

import io.qualitywatch.streaming.source.RawEvent;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Rules apply from when they arrive and carry no event time. An operator connected to them takes
 * the minimum watermark of its active inputs, so a rules stream without watermarks would stop event
 * time for good. This strategy keeps the control stream idle, which excludes it from that minimum
 * and leaves the event stream alone in charge of event time. (Emitting a maximal watermark instead
 * would look equivalent, but when the event input goes idle it would jump event time to the end and
 * close every warning.)
 */
public final class ControlStreamWatermarks {
  private ControlStreamWatermarks() {}

  public static WatermarkStrategy<RawEvent> strategy() {
    return WatermarkStrategy.forGenerator(ctx -> new AlwaysIdle());
  }

  static final class AlwaysIdle implements WatermarkGenerator<RawEvent> {
    @Override
    public void onEvent(RawEvent event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.markIdle();
    }
  }
}

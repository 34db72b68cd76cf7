package io.qualitywatch.streaming.ordering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a key's elements until the watermark passes their timestamp, then releases them in
 * (timestamp, tie-break) order. Kafka orders events only within a partition, so one enterprise's
 * events from different topics arrive in an order that depends on fetch timing; processing them in
 * event-time order makes every output — score history, warnings, aggregates — the same on every
 * run, after a restore, and as in the batch jobs. The price is latency: an element waits until the
 * watermark (out-of-orderness bound) passes it. Elements already behind the watermark (late) are
 * not held.
 */
public final class EventTimeBuffer<T> {
  private final MapState<Long, List<T>> buffer;
  private final Comparator<T> tieBreak;

  public EventTimeBuffer(RuntimeContext ctx, String name, Class<T> type, Comparator<T> tieBreak) {
    this.buffer =
        ctx.getMapState(
            new MapStateDescriptor<>(name, Types.LONG, Types.LIST(TypeInformation.of(type))));
    this.tieBreak = tieBreak;
  }

  /** Buffers the element and returns true, or returns false when it is late and must go now. */
  public boolean hold(T element, long timestamp, TimerService timers) throws Exception {
    if (timestamp <= timers.currentWatermark()) {
      return false;
    }
    List<T> at = buffer.get(timestamp);
    if (at == null) {
      at = new ArrayList<>();
      timers.registerEventTimeTimer(timestamp);
    }
    at.add(element);
    buffer.put(timestamp, at);
    return true;
  }

  /** The elements held for this timer's timestamp, in tie-break order (empty if none). */
  public List<T> release(long timestamp) throws Exception {
    List<T> at = buffer.get(timestamp);
    if (at == null) {
      return List.of();
    }
    buffer.remove(timestamp);
    List<T> sorted = new ArrayList<>(at);
    sorted.sort(tieBreak);
    return sorted;
  }
}

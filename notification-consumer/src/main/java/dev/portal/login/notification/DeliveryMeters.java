package dev.portal.login.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;

/**
 * The delivery metrics: {@code notification.deliveries{channel,result}} (scraped as
 * notification_deliveries_total) and {@code notification.delivery.duration{channel}}, the time a
 * channel took to send (retries inside the SMS channel included). Both labels are small fixed sets.
 */
final class DeliveryMeters {
  static final String DELIVERIES = "notification.deliveries";
  static final String DURATION = "notification.delivery.duration";

  /** What became of one message. */
  enum Result {
    SENT("sent"), FAILED("failed"), DEAD_LETTERED("dead_lettered"), DUPLICATE("duplicate"), SKIPPED("skipped");

    final String label;

    Result(String label) {
      this.label = label;
    }
  }

  private final MeterRegistry registry;

  /** Registers every series of {@code channels} at zero, so rates and alerts see them before the first message. */
  DeliveryMeters(MeterRegistry registry, Collection<String> channels) {
    this.registry = registry;
    for (String channel : channels) {
      for (Result result : Result.values()) {
        counter(channel, result);
      }
      timer(channel);
    }
  }

  void count(String channel, Result result) {
    counter(channel, result).increment();
  }

  void time(String channel, Duration duration) {
    timer(channel).record(duration);
  }

  private Counter counter(String channel, Result result) {
    return Counter.builder(DELIVERIES)
        .description("Notification messages handled, by channel and what became of them")
        .tag("channel", channel).tag("result", result.label)
        .register(registry);
  }

  private Timer timer(String channel) {
    return Timer.builder(DURATION)
        .description("Time a channel took to deliver one message, its own retries included")
        .tag("channel", channel)
        .register(registry);
  }
}

package dev.portal.login.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters a consumer loop keeps; each consumer names its own so dashboards tell them apart. The
 * registry takes the loop's lag gauges, {@code kafka.consumer.lag.records}, labelled by group instead.
 */
public record ConsumerMeters(Counter recordsDeadLettered, Counter batchRetries, Timer batchDuration,
    MeterRegistry registry) {

  /** {@code <prefix>.records.dead.lettered}, {@code <prefix>.batch.retries} and {@code <prefix>.batch.duration}. */
  public static ConsumerMeters register(MeterRegistry registry, String prefix) {
    return new ConsumerMeters(
        Counter.builder(prefix + ".records.dead.lettered")
            .description("Records moved to the dead-letter topic because they can never be read").register(registry),
        Counter.builder(prefix + ".batch.retries")
            .description("Retries of batches whose handling or dead-lettering failed").register(registry),
        Timer.builder(prefix + ".batch.duration")
            .description("Time from receiving a batch to committing it, retries included").register(registry),
        registry);
  }
}

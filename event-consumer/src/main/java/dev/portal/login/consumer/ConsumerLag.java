package dev.portal.login.consumer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@code kafka.consumer.lag.records{group,topic,partition}}: for each partition this member
 * holds, the end offset minus the member's position. Labels stay bounded: a group holds few partitions,
 * and a partition's gauge is removed when the group takes it away.
 */
final class ConsumerLag {
  static final String METER = "kafka.consumer.lag.records";
  /** How often the lag is measured; each measurement asks the broker for end offsets once. */
  static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);

  private final MeterRegistry registry;
  private final String group;
  private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Gauge> gauges = new ConcurrentHashMap<>();

  ConsumerLag(MeterRegistry registry, String group) {
    this.registry = registry;
    this.group = group;
  }

  void assigned(Set<TopicPartition> partitions) {
    partitions.forEach(partition -> lags.computeIfAbsent(partition, held -> new AtomicLong()));
  }

  void revoked(Set<TopicPartition> partitions) {
    partitions.forEach(partition -> {
      lags.remove(partition);
      Gauge gauge = gauges.remove(partition);
      if (gauge != null) {
        registry.remove(gauge);
      }
    });
  }

  /** Drops every gauge: a stopped member reports no lag rather than its last one. */
  void clear() {
    revoked(Set.copyOf(lags.keySet()));
  }

  /**
   * Measures every held partition through the Vert.x Kafka client, which runs the broker calls on the
   * consumer's own worker thread, never on the event loop.
   */
  Future<Void> refresh(KafkaConsumer<?, ?> consumer) {
    Set<TopicPartition> held = Set.copyOf(lags.keySet());
    if (held.isEmpty()) {
      return Future.succeededFuture();
    }
    return consumer.endOffsets(held).compose(ends -> {
      List<Future<Void>> measured = held.stream()
          .filter(ends::containsKey)
          .map(partition -> consumer.position(partition).map(position -> {
            record(partition, ends.get(partition) - position);
            return (Void) null;
          }))
          .toList();
      return Future.all(measured).mapEmpty();
    });
  }

  private void record(TopicPartition partition, long lag) {
    AtomicLong value = lags.get(partition);
    if (value == null) {
      return; // revoked while being measured
    }
    value.set(Math.max(0, lag));
    gauges.computeIfAbsent(partition, held -> Gauge.builder(METER, value, AtomicLong::get)
        .description("Records in the partition not yet read by this consumer group member")
        .tags("group", group, "topic", held.getTopic(), "partition", Integer.toString(held.getPartition()))
        .register(registry));
  }
}

package dev.portal.login.lockout;

import dev.portal.login.consumer.RecordReader;
import dev.portal.login.consumer.RecordVerdict;
import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndTimestamp;
import io.vertx.redis.client.RedisAPI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds lock and throttle state after Redis lost it: replays the login and account events of the
 * last lock history (LOCKOUT_LOCK_HISTORY_SECONDS) through the same idempotent effect. It replays only
 * what the consumer group already handled (up to its committed offsets, taken at the start), and does
 * so silently: those changes were announced the first time, and everything after the committed
 * offsets is left to the consumer loop, which announces it. A temporary consumer in no group reads
 * each partition from the offset of that time; then the built marker is set.
 */
public final class LockoutRebuild {
  private static final Logger LOG = LoggerFactory.getLogger(LockoutRebuild.class);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);
  private static final List<String> TOPICS = List.of(Topics.LOGIN_EVENTS, Topics.ACCOUNT_EVENTS);

  private final Vertx vertx;
  private final String bootstrapServers;
  private final String groupId;
  private final LockoutEffect effect;
  private final RedisAPI redis;
  private final Duration history;
  private final Clock clock;
  private final RecordReader<SecurityEvent> reader = RecordReader.securityEvent();

  LockoutRebuild(Vertx vertx, String bootstrapServers, String groupId, LockoutEffect effect, RedisAPI redis,
      Duration history, Clock clock) {
    this.vertx = vertx;
    this.bootstrapServers = bootstrapServers;
    this.groupId = groupId;
    this.effect = effect.silent();
    this.redis = redis;
    this.history = history;
    this.clock = clock;
  }

  /** True when this Redis has no lock state built from Kafka yet (new, flushed or restored empty). */
  Future<Boolean> needed() {
    return redis.exists(List.of(RedisKeys.lockoutBuilt())).map(reply -> reply.toInteger() == 0);
  }

  /** Replays and sets the marker; completes with the number of events replayed. */
  Future<Long> run() {
    long from = clock.millis() - history.toMillis();
    KafkaConsumer<byte[], byte[]> consumer = KafkaConsumer.create(vertx, Map.of(
        "bootstrap.servers", bootstrapServers,
        "enable.auto.commit", "false",
        "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"));
    LOG.info("Rebuilding lock state from Kafka events since {}", Instant.ofEpochMilli(from));
    return partitions(consumer)
        .compose(partitions -> consumer.assign(partitions)
            .compose(assigned -> committedOffsets(partitions))
            .compose(ends -> seekToTime(consumer, partitions, from, ends)
                .compose(seeked -> replay(consumer, ends, 0L))))
        .compose(count -> redis.set(List.of(RedisKeys.lockoutBuilt(), clock.instant().toString())).map(count))
        .onSuccess(count -> LOG.info("Lock state rebuilt from {} events", count))
        .eventually(consumer::close);
  }

  private static Future<Set<TopicPartition>> partitions(KafkaConsumer<byte[], byte[]> consumer) {
    List<Future<Set<TopicPartition>>> lookups = TOPICS.stream()
        .map(topic -> consumer.partitionsFor(topic).map(infos -> {
          Set<TopicPartition> found = new HashSet<>();
          infos.forEach(info -> found.add(new TopicPartition(topic, info.getPartition())));
          return found;
        }))
        .toList();
    return Future.all(lookups).map(all -> {
      Set<TopicPartition> partitions = new HashSet<>();
      lookups.forEach(lookup -> partitions.addAll(lookup.result()));
      return partitions;
    });
  }

  /** Where the group has got to; a partition it never committed is replayed by nobody but the loop. */
  private Future<Map<TopicPartition, Long>> committedOffsets(Set<TopicPartition> partitions) {
    return vertx.executeBlocking(() -> {
      try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicPartition partition : partitions) {
          var offset = committed.get(new org.apache.kafka.common.TopicPartition(partition.getTopic(),
              partition.getPartition()));
          ends.put(partition, offset == null ? 0L : offset.offset());
        }
        return ends;
      }
    });
  }

  private static Future<Void> seekToTime(KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> partitions,
      long from, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(partition -> times.put(partition, from));
    return consumer.offsetsForTimes(times).compose(offsets -> {
      List<Future<Void>> seeks = new ArrayList<>();
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp found = offsets.get(partition);
        // no record at or after the time: nothing of this partition is replayed
        long offset = found == null ? ends.getOrDefault(partition, 0L) : found.getOffset();
        seeks.add(consumer.seek(partition, offset));
      }
      return Future.all(seeks).mapEmpty();
    });
  }

  private Future<Long> replay(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends,
      long replayed) {
    return reachedEnds(consumer, ends).compose(done -> {
      if (done) {
        return Future.succeededFuture(replayed);
      }
      return consumer.poll(POLL).compose(records -> {
        List<SourcedEvent<SecurityEvent>> events = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
          KafkaConsumerRecord<byte[], byte[]> record = records.recordAt(i);
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < ends.getOrDefault(partition, 0L)
              && reader.read(record.value()) instanceof RecordVerdict.Accepted<SecurityEvent> accepted) {
            events.add(new SourcedEvent<>(accepted.value(), record.topic(), record.partition(), record.offset()));
          }
        }
        return effect.applyAll(events)
            .compose(applied -> replay(consumer, ends, replayed + events.size()));
      });
    });
  }

  private static Future<Boolean> reachedEnds(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    List<Future<Boolean>> checks = ends.entrySet().stream()
        .map(end -> consumer.position(end.getKey()).map(position -> position >= end.getValue()))
        .toList();
    return Future.all(checks).map(all -> checks.stream().allMatch(Future::result));
  }
}

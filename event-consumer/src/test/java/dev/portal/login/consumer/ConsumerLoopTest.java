package dev.portal.login.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The subscribe / poll / apply / dead-letter / commit cycle, driven through the real Vert.x Kafka
 * client over Kafka's own in-memory MockConsumer and MockProducer, with a scripted batch effect.
 */
@ExtendWith(VertxExtension.class)
class ConsumerLoopTest {
  private static final String GROUP = "test-consumer";
  private static final TopicPartition PARTITION = new TopicPartition(Topics.LOGIN_EVENTS, 0);
  private static final String FIRST = "0190f1a2-3b4c-7d5e-8f60-000000000001";
  private static final String SECOND = "0190f1a2-3b4c-7d5e-8f60-000000000002";
  /** The partition's end as the broker reports it: seven records beyond the three the loop reads. */
  private static final long END_OFFSET = 10;

  private final ClosableMockConsumer kafka = new ClosableMockConsumer();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ConsumerSettings settings =
      new ConsumerSettings(GROUP, Duration.ofMillis(20), 500, Duration.ofMillis(10), Duration.ofMillis(40));

  /** Remembers that it was closed but keeps its committed offsets readable for the assertions. */
  private static final class ClosableMockConsumer extends MockConsumer<byte[], byte[]> {
    volatile boolean closed;

    ClosableMockConsumer() {
      super("earliest");
    }

    @Override
    public synchronized void close() {
      closed = true;
    }
  }

  /** Stands in for a consumer's effect: fails the first {@code failuresLeft} batches, records every attempt. */
  private static final class ScriptedEffect {
    final List<List<String>> attempts = new CopyOnWriteArrayList<>();
    final List<Long> committedAtAttempt = new CopyOnWriteArrayList<>();
    final MockConsumer<byte[], byte[]> kafka;
    int failuresLeft;

    ScriptedEffect(MockConsumer<byte[], byte[]> kafka, int failures) {
      this.kafka = kafka;
      this.failuresLeft = failures;
    }

    Future<Void> apply(List<SourcedEvent<JsonObject>> events) {
      attempts.add(events.stream().map(sourced -> sourced.event().getString("eventId")).toList());
      committedAtAttempt.add(committedOffset(kafka));
      if (failuresLeft-- > 0) {
        return Future.failedFuture(new IllegalStateException("store unreachable"));
      }
      return Future.succeededFuture();
    }
  }

  /**
   * Starts the loop, which subscribes; on its first poll the group hands it the partition, already
   * holding two events around an unreadable record, so all three arrive in one batch.
   */
  private Future<ConsumerLoop<JsonObject>> startLoop(Vertx vertx, MockProducer<byte[], byte[]> deadLetterTopic,
      ScriptedEffect effect) {
    return startLoop(vertx, deadLetterTopic, effect, settings);
  }

  private Future<ConsumerLoop<JsonObject>> startLoop(Vertx vertx, MockProducer<byte[], byte[]> deadLetterTopic,
      ScriptedEffect effect, ConsumerSettings settings) {
    kafka.schedulePollTask(() -> {
      kafka.updateBeginningOffsets(Map.of(PARTITION, 0L));
      kafka.updateEndOffsets(Map.of(PARTITION, END_OFFSET));
      kafka.rebalance(List.of(PARTITION));
      kafka.addRecord(record(0, event(FIRST)));
      kafka.addRecord(record(1, "not json"));
      kafka.addRecord(record(2, event(SECOND)));
    });
    Promise<ConsumerLoop<JsonObject>> started = Promise.promise();
    vertx.getOrCreateContext().runOnContext(ignored -> {
      ConsumerLoop<JsonObject> loop = new ConsumerLoop<>(vertx, KafkaConsumer.create(vertx, kafka),
          KafkaProducer.create(vertx, deadLetterTopic), settings, Set.of(Topics.LOGIN_EVENTS),
          RecordReader.jsonObject(), effect::apply, ConsumerMeters.register(registry, "test"))
          .measuringLagEvery(Duration.ofMillis(20));
      loop.start().map(loop).onComplete(started);
    });
    return started.future();
  }

  private static MockProducer<byte[], byte[]> deadLetterTopic(boolean autoComplete) {
    return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
    return new ConsumerRecord<>(Topics.LOGIN_EVENTS, 0, offset, null, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String event(String eventId) {
    return RecordReaderTest.validEvent().put("eventId", eventId).encode();
  }

  /** -1 when nothing is committed yet. */
  private static long committedOffset(MockConsumer<byte[], byte[]> kafka) {
    OffsetAndMetadata committed = kafka.committed(Set.of(PARTITION)).get(PARTITION);
    return committed == null ? -1 : committed.offset();
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static void when(Vertx vertx, BooleanSupplier condition, Runnable then) {
    vertx.setPeriodic(10, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        then.run();
      }
    });
  }

  @Test
  @DisplayName("a batch's effect is applied, its unreadable record dead-lettered with reason, source and group, and only then committed")
  void commitsAfterEffectAndDeadLetter(Vertx vertx, VertxTestContext testContext) {
    MockProducer<byte[], byte[]> deadLetterTopic = deadLetterTopic(true);
    ScriptedEffect effect = new ScriptedEffect(kafka, 0);
    // the batch's duration is recorded once the commit has come back from the Kafka client's own thread, a moment
    // after the mock already shows the offset: wait for both
    BooleanSupplier committedAndTimed =
        () -> committedOffset(kafka) == 3 && registry.timer("test.batch.duration").count() > 0;
    startLoop(vertx, deadLetterTopic, effect).onComplete(testContext.succeeding(loop ->
        when(vertx, committedAndTimed, () -> testContext.verify(() -> {
          assertEquals(List.of(List.of(FIRST, SECOND)), effect.attempts);
          assertEquals(List.of(-1L), effect.committedAtAttempt);
          assertEquals(1, deadLetterTopic.history().size());
          ProducerRecord<byte[], byte[]> letter = deadLetterTopic.history().get(0);
          assertEquals(Topics.DEAD_LETTER, letter.topic());
          assertEquals("not-json", header(letter, Topics.HEADER_DLQ_REASON));
          assertEquals("auth.login-events-0@1", header(letter, Topics.HEADER_DLQ_SOURCE));
          assertEquals(GROUP, header(letter, DeadLetter.HEADER_DLQ_CONSUMER));
          assertEquals(1.0, registry.counter("test.records.dead.lettered").count());
          assertEquals(1L, registry.timer("test.batch.duration").count());
          assertTrue(loop.joinedGroup());
          testContext.completeNow();
        }))));
  }

  @Test
  @DisplayName("offsets are committed at most once per commit interval: the first batch at once, the next with what follows or at the stop, never before its effect")
  void commitsAtMostOncePerInterval(Vertx vertx, VertxTestContext testContext) {
    ConsumerSettings slowCommits = new ConsumerSettings(GROUP, Duration.ofMillis(20), 500, Duration.ofMillis(10),
        Duration.ofMillis(40), Duration.ofMinutes(10), ConsumerSettings.Fetch.IMMEDIATE);
    ScriptedEffect effect = new ScriptedEffect(kafka, 0);
    startLoop(vertx, deadLetterTopic(true), effect, slowCommits).onComplete(testContext.succeeding(loop ->
        when(vertx, () -> committedOffset(kafka) == 3, () -> {
          kafka.schedulePollTask(() -> {
            kafka.addRecord(record(3, event("0190f1a2-3b4c-7d5e-8f60-000000000003")));
            kafka.addRecord(record(4, event("0190f1a2-3b4c-7d5e-8f60-000000000004")));
          });
          when(vertx, () -> effect.attempts.size() == 2, () -> vertx.setTimer(100, waited -> {
            testContext.verify(() -> assertEquals(3, committedOffset(kafka), "the second batch waits for the interval"));
            loop.stop().onComplete(testContext.succeeding(stopped -> testContext.verify(() -> {
              assertEquals(5, committedOffset(kafka), "the stop commits what was handled");
              testContext.completeNow();
            })));
          }));
        })));
  }

  @Test
  @DisplayName("a failed effect retries the same batch after a wait and commits nothing until it succeeds")
  void retriesTheSameBatchWithoutCommitting(Vertx vertx, VertxTestContext testContext) {
    ScriptedEffect effect = new ScriptedEffect(kafka, 2);
    startLoop(vertx, deadLetterTopic(true), effect).onFailure(testContext::failNow);

    when(vertx, () -> committedOffset(kafka) == 3, () -> testContext.verify(() -> {
      assertEquals(3, effect.attempts.size());
      assertEquals(effect.attempts.get(0), effect.attempts.get(1));
      assertEquals(effect.attempts.get(0), effect.attempts.get(2));
      assertEquals(List.of(-1L, -1L, -1L), effect.committedAtAttempt);
      assertEquals(2.0, registry.counter("test.batch.retries").count());
      testContext.completeNow();
    }));
  }

  @Test
  @DisplayName("stopping while a failed batch waits for its retry ends the loop, leaves the batch uncommitted and closes the consumer")
  void stopDuringRetryLeavesBatchUncommitted(Vertx vertx, VertxTestContext testContext) {
    ScriptedEffect effect = new ScriptedEffect(kafka, Integer.MAX_VALUE);
    startLoop(vertx, deadLetterTopic(true), effect).onComplete(testContext.succeeding(loop ->
        when(vertx, () -> effect.attempts.size() >= 2, () -> loop.stop()
            .onComplete(testContext.succeeding(stopped -> testContext.verify(() -> {
              assertEquals(-1L, committedOffset(kafka));
              assertTrue(registry.counter("test.batch.retries").count() >= 1.0);
              assertTrue(kafka.closed);
              testContext.completeNow();
            }))))));
  }

  @Test
  @DisplayName("nothing is committed while the dead-letter send is unacknowledged, a failed send is retried, and the effect runs once")
  void commitsOnlyAfterTheDeadLetterIsAcked(Vertx vertx, VertxTestContext testContext) {
    MockProducer<byte[], byte[]> deadLetterTopic = deadLetterTopic(false);
    ScriptedEffect effect = new ScriptedEffect(kafka, 0);
    startLoop(vertx, deadLetterTopic, effect).onFailure(testContext::failNow);

    when(vertx, () -> deadLetterTopic.history().size() == 1, () -> testContext.verify(() -> {
      assertEquals(-1L, committedOffset(kafka));
      deadLetterTopic.errorNext(new KafkaException("broker unavailable"));
      when(vertx, () -> deadLetterTopic.history().size() == 2, () -> testContext.verify(() -> {
        assertEquals(-1L, committedOffset(kafka));
        assertEquals(1.0, registry.counter("test.batch.retries").count());
        deadLetterTopic.completeNext();
        when(vertx, () -> committedOffset(kafka) == 3, () -> testContext.verify(() -> {
          // the effect was applied once although the batch was attempted twice
          assertEquals(1, effect.attempts.size());
          assertEquals(1.0, registry.counter("test.records.dead.lettered").count());
          testContext.completeNow();
        }));
      }));
    }));
  }

  @Test
  @DisplayName("the lag gauge of the held partition reports the end offset minus the position, labelled by group, topic and partition")
  void reportsLagPerGroupAndPartition(Vertx vertx, VertxTestContext testContext) {
    startLoop(vertx, deadLetterTopic(true), new ScriptedEffect(kafka, 0)).onFailure(testContext::failNow);

    // the lag is the position's, not the commit's: the commit may land just before or after the gauge moves
    when(vertx, () -> lagGauge() != null && lagGauge().value() == END_OFFSET - 3 && committedOffset(kafka) == 3,
        () -> testContext.verify(() -> {
          assertEquals(1, registry.find(ConsumerLag.METER).gauges().size());
          testContext.completeNow();
        }));
  }

  private io.micrometer.core.instrument.Gauge lagGauge() {
    return registry.find(ConsumerLag.METER)
        .tags("group", GROUP, "topic", Topics.LOGIN_EVENTS, "partition", "0").gauge();
  }
}

package dev.portal.login.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.pgclient.PgException;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The poll / write / dead-letter / commit cycle, driven through the real Vert.x Kafka client over
 * Kafka's own in-memory MockConsumer and MockProducer, with a stand-in for the database.
 */
@ExtendWith(VertxExtension.class)
class AuditBatchLoopTest {
  private static final TopicPartition PARTITION = new TopicPartition(Topics.LOGIN_EVENTS, 0);
  private static final byte[] GARBAGE = "not json".getBytes(StandardCharsets.UTF_8);

  private final MockConsumer<byte[], byte[]> kafka = new MockConsumer<>("earliest");
  private final MockProducer<byte[], byte[]> deadLetterTopic =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AuditConfig config = AuditConfig.fromEnv(Map.of(
      "AUDIT_POLL_TIMEOUT_MS", "20", "AUDIT_RETRY_INITIAL_BACKOFF_MS", "10", "AUDIT_RETRY_MAX_BACKOFF_MS", "40"));

  /** Stands in for PostgreSQL: fails the first {@code failuresLeft} writes, records every attempt. */
  private static final class ScriptedWriter implements AuditWriter {
    final List<List<String>> attempts = new CopyOnWriteArrayList<>();
    final List<Long> committedAtWrite = new CopyOnWriteArrayList<>();
    final MockConsumer<byte[], byte[]> kafka;
    int failuresLeft;

    ScriptedWriter(MockConsumer<byte[], byte[]> kafka, int failures) {
      this.kafka = kafka;
      this.failuresLeft = failures;
    }

    @Override
    public Future<Integer> write(List<SourcedEvent> events) {
      attempts.add(events.stream().map(sourced -> sourced.event().eventId().toString()).toList());
      committedAtWrite.add(committedOffset(kafka));
      if (failuresLeft-- > 0) {
        return Future.failedFuture(new PgException("connection lost", "FATAL", "08006", null));
      }
      return Future.succeededFuture(events.size());
    }
  }

  /** Assigns the partition through the Vert.x client (which starts its worker), then fills it. */
  private Future<AuditBatchLoop> startLoop(Vertx vertx, AuditWriter writer) {
    Promise<AuditBatchLoop> started = Promise.promise();
    vertx.getOrCreateContext().runOnContext(ignored -> {
      KafkaConsumer<byte[], byte[]> consumer = KafkaConsumer.create(vertx, kafka);
      consumer.assign(Set.of(new io.vertx.kafka.client.common.TopicPartition(Topics.LOGIN_EVENTS, 0)))
          .map(assigned -> {
            kafka.updateBeginningOffsets(Map.of(PARTITION, 0L));
            kafka.addRecord(record(0, event("0190f1a2-3b4c-7d5e-8f60-000000000001")));
            kafka.addRecord(record(1, GARBAGE));
            kafka.addRecord(record(2, event("0190f1a2-3b4c-7d5e-8f60-000000000002")));
            AuditBatchLoop loop = new AuditBatchLoop(vertx, consumer, KafkaProducer.create(vertx, deadLetterTopic),
                writer, config, registry);
            loop.start();
            return loop;
          })
          .onComplete(started);
    });
    return started.future();
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
    return new ConsumerRecord<>(Topics.LOGIN_EVENTS, 0, offset, null, value);
  }

  private static byte[] event(String eventId) {
    return AuditRecordReaderTest.validEvent().put("eventId", eventId).encode().getBytes(StandardCharsets.UTF_8);
  }

  /** -1 when nothing is committed yet. */
  private static long committedOffset(MockConsumer<byte[], byte[]> kafka) {
    OffsetAndMetadata committed = kafka.committed(Set.of(PARTITION)).get(PARTITION);
    return committed == null ? -1 : committed.offset();
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
  @DisplayName("a batch is written, its unreadable record dead-lettered with reason and source, and only then committed")
  void commitsAfterWriteAndDeadLetter(Vertx vertx, VertxTestContext testContext) {
    ScriptedWriter writer = new ScriptedWriter(kafka, 0);
    startLoop(vertx, writer).onFailure(testContext::failNow);

    when(vertx, () -> committedOffset(kafka) == 3, () -> testContext.verify(() -> {
      assertEquals(List.of(List.of("0190f1a2-3b4c-7d5e-8f60-000000000001", "0190f1a2-3b4c-7d5e-8f60-000000000002")),
          writer.attempts);
      assertEquals(List.of(-1L), writer.committedAtWrite);
      ProducerRecord<byte[], byte[]> letter = deadLetterTopic.history().get(0);
      assertEquals(Topics.DEAD_LETTER, letter.topic());
      assertEquals("not-json", new String(letter.headers().lastHeader(Topics.HEADER_DLQ_REASON).value(), StandardCharsets.UTF_8));
      assertEquals("auth.login-events-0@1",
          new String(letter.headers().lastHeader(Topics.HEADER_DLQ_SOURCE).value(), StandardCharsets.UTF_8));
      assertEquals(1, deadLetterTopic.history().size());
      assertEquals(2.0, registry.counter("audit.rows.written").count());
      assertEquals(1.0, registry.counter("audit.records.dead.lettered").count());
      assertEquals(1L, registry.timer("audit.batch.duration").count());
      testContext.completeNow();
    }));
  }

  @Test
  @DisplayName("a database failure retries the same batch after a wait and commits nothing until the write succeeds")
  void retriesTheSameBatchWithoutCommitting(Vertx vertx, VertxTestContext testContext) {
    ScriptedWriter writer = new ScriptedWriter(kafka, 2);
    startLoop(vertx, writer).onFailure(testContext::failNow);

    when(vertx, () -> committedOffset(kafka) == 3, () -> testContext.verify(() -> {
      assertEquals(3, writer.attempts.size());
      assertEquals(writer.attempts.get(0), writer.attempts.get(1));
      assertEquals(writer.attempts.get(0), writer.attempts.get(2));
      assertEquals(List.of(-1L, -1L, -1L), writer.committedAtWrite);
      assertEquals(2.0, registry.counter("audit.write.retries").count());
      assertEquals(2.0, registry.counter("audit.rows.written").count());
      testContext.completeNow();
    }));
  }

  @Test
  @DisplayName("stopping while a failed batch waits for its retry ends the loop and leaves the batch uncommitted")
  void stopDuringRetryLeavesBatchUncommitted(Vertx vertx, VertxTestContext testContext) {
    ScriptedWriter writer = new ScriptedWriter(kafka, Integer.MAX_VALUE);
    startLoop(vertx, writer).onComplete(testContext.succeeding(loop ->
        when(vertx, () -> writer.attempts.size() >= 2, () -> loop.stop()
            .onComplete(testContext.succeeding(stopped -> testContext.verify(() -> {
              assertEquals(-1L, committedOffset(kafka));
              assertTrue(registry.counter("audit.write.retries").count() >= 1.0);
              testContext.completeNow();
            }))))));
  }
}

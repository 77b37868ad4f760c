package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The poll / count / dead-letter / commit cycle of the notification consumer over Kafka's in-memory MockConsumer and MockProducer. */
@ExtendWith(VertxExtension.class)
class NotificationRecordLoopTest {
  private static final TopicPartition PARTITION = new TopicPartition(Topics.NOTIFICATIONS, 0);

  private final MockConsumer<byte[], byte[]> kafka = new MockConsumer<>("earliest");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final NotificationConfig config = NotificationConfig.fromEnv(Map.of(
      "NOTIFICATION_POLL_TIMEOUT_MS", "20", "NOTIFICATION_RETRY_INITIAL_BACKOFF_MS", "10", "NOTIFICATION_RETRY_MAX_BACKOFF_MS", "40"));

  private Future<NotificationRecordLoop> startLoop(Vertx vertx, MockProducer<byte[], byte[]> deadLetterTopic) {
    Promise<NotificationRecordLoop> started = Promise.promise();
    vertx.getOrCreateContext().runOnContext(ignored -> {
      KafkaConsumer<byte[], byte[]> consumer = KafkaConsumer.create(vertx, kafka);
      consumer.assign(Set.of(new io.vertx.kafka.client.common.TopicPartition(Topics.NOTIFICATIONS, 0)))
          .map(assigned -> {
            kafka.updateBeginningOffsets(Map.of(PARTITION, 0L));
            kafka.addRecord(record(0, NotificationRecordReaderTest.message().encode()));
            kafka.addRecord(record(1, "garbage"));
            kafka.addRecord(record(2, NotificationRecordReaderTest.message().encode()));
            NotificationRecordLoop loop = new NotificationRecordLoop(vertx, consumer, KafkaProducer.create(vertx, deadLetterTopic),
                config, registry);
            loop.start();
            return loop;
          })
          .onComplete(started);
    });
    return started.future();
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
    return new ConsumerRecord<>(Topics.NOTIFICATIONS, 0, offset, null, value.getBytes(StandardCharsets.UTF_8));
  }

  private long committedOffset() {
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
  @DisplayName("messages are counted, the unreadable record dead-lettered with its reason, and then the batch is committed")
  void countsDeadLettersAndCommits(Vertx vertx, VertxTestContext testContext) {
    MockProducer<byte[], byte[]> deadLetterTopic =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    startLoop(vertx, deadLetterTopic).onFailure(testContext::failNow);

    when(vertx, () -> committedOffset() == 3, () -> testContext.verify(() -> {
      assertEquals(2.0, registry.counter("notification.messages.received").count());
      assertEquals(1, deadLetterTopic.history().size());
      assertEquals("not-json", new String(
          deadLetterTopic.history().get(0).headers().lastHeader(Topics.HEADER_DLQ_REASON).value(), StandardCharsets.UTF_8));
      assertEquals("auth.notifications-0@1", new String(
          deadLetterTopic.history().get(0).headers().lastHeader(Topics.HEADER_DLQ_SOURCE).value(), StandardCharsets.UTF_8));
      assertEquals(1.0, registry.counter("notification.records.dead.lettered").count());
      testContext.completeNow();
    }));
  }

  @Test
  @DisplayName("nothing is committed while the dead-letter send is unacknowledged, and a failed send is retried")
  void commitsOnlyAfterTheDeadLetterIsAcked(Vertx vertx, VertxTestContext testContext) {
    MockProducer<byte[], byte[]> deadLetterTopic =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    startLoop(vertx, deadLetterTopic).onFailure(testContext::failNow);

    when(vertx, () -> deadLetterTopic.history().size() == 1, () -> testContext.verify(() -> {
      assertEquals(-1L, committedOffset());
      deadLetterTopic.errorNext(new KafkaException("broker unavailable"));
      when(vertx, () -> deadLetterTopic.history().size() == 2, () -> testContext.verify(() -> {
        assertEquals(-1L, committedOffset());
        assertEquals(1.0, registry.counter("notification.batch.retries").count());
        deadLetterTopic.completeNext();
        when(vertx, () -> committedOffset() == 3, () -> testContext.verify(() -> {
          // counting happened once although the batch was attempted twice
          assertEquals(2.0, registry.counter("notification.messages.received").count());
          testContext.completeNow();
        }));
      }));
    }));
  }
}

package dev.portal.login.notification;

import dev.portal.login.consumer.ConsumerSettings;
import dev.portal.login.consumer.DeadLetter;
import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Publishes to {@link Topics#DEAD_LETTER} the record value unchanged (its secrets stay sealed), keyed
 * by account id as the notification topic is, with the headers of {@link DeadLetter}: reason, source
 * ({@code topic-partition@offset}) and the consumer group, so an operator can find and replay it.
 */
final class KafkaDeadLetterPublisher implements DeadLetterPublisher {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String consumerGroup;

  KafkaDeadLetterPublisher(KafkaProducer<byte[], byte[]> producer, String consumerGroup) {
    this.producer = producer;
    this.consumerGroup = consumerGroup;
  }

  static KafkaDeadLetterPublisher create(Vertx vertx, String bootstrapServers, ConsumerSettings settings) {
    return new KafkaDeadLetterPublisher(
        KafkaProducer.create(vertx, settings.deadLetterProducerProperties(bootstrapServers)), settings.groupId());
  }

  @Override
  public Future<Void> publish(SourcedEvent<OpenedNotification> message, String reason) {
    UUID accountId = message.event().message().accountId();
    byte[] key = accountId == null ? null : accountId.toString().getBytes(StandardCharsets.UTF_8);
    KafkaProducerRecord<byte[], byte[]> record =
        KafkaProducerRecord.create(Topics.DEAD_LETTER, key, message.event().recordValue())
            .addHeader(Topics.HEADER_DLQ_REASON, reason)
            .addHeader(Topics.HEADER_DLQ_SOURCE, message.topic() + "-" + message.partition() + "@" + message.offset())
            .addHeader(DeadLetter.HEADER_DLQ_CONSUMER, consumerGroup);
    return producer.send(record).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return producer.close();
  }
}

package dev.portal.login.consumer;

import dev.portal.login.contracts.Topics;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

/**
 * A record that can never be handled, on its way to the dead-letter topic unchanged, with the
 * reason, its origin and the consumer group that gave up on it in headers so an operator can find
 * and replay it.
 *
 * @param source where it came from, as {@code topic-partition@offset}
 */
public record DeadLetter(byte[] key, byte[] value, String reason, String source) {
  /** Header naming the consumer group that dead-lettered the record. */
  public static final String HEADER_DLQ_CONSUMER = "dlq-consumer";

  static String sourceOf(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  KafkaProducerRecord<byte[], byte[]> toProducerRecord(String consumerGroup) {
    return KafkaProducerRecord.create(Topics.DEAD_LETTER, key, value)
        .addHeader(Topics.HEADER_DLQ_REASON, reason)
        .addHeader(Topics.HEADER_DLQ_SOURCE, source)
        .addHeader(HEADER_DLQ_CONSUMER, consumerGroup);
  }
}

package dev.portal.login.lockout;

import dev.portal.login.contracts.Topics;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

/**
 * A record that can never be handled, on its way to the dead-letter topic unchanged, with the
 * reason and its origin in headers so an operator can find and replay it.
 *
 * @param source where it came from, as {@code topic-partition@offset}
 */
record DeadLetter(byte[] key, byte[] value, String reason, String source) {

  static String sourceOf(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  KafkaProducerRecord<byte[], byte[]> toProducerRecord() {
    return KafkaProducerRecord.create(Topics.DEAD_LETTER, key, value)
        .addHeader(Topics.HEADER_DLQ_REASON, reason)
        .addHeader(Topics.HEADER_DLQ_SOURCE, source);
  }
}

package dev.portal.login.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsumerBatchTest {
  private static final byte[] KEY = "subject".getBytes(StandardCharsets.UTF_8);
  private static final byte[] GARBAGE = "not json".getBytes(StandardCharsets.UTF_8);

  private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, byte[] value) {
    return new ConsumerRecord<>(topic, partition, offset, KEY, value);
  }

  private static byte[] event(String eventId) {
    return RecordReaderTest.validEvent().put("eventId", eventId).encode().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a batch sorts good records into events with their Kafka position and bad ones into dead letters")
  void sortsRecords() {
    ConsumerBatch<SecurityEvent> batch = ConsumerBatch.of(List.of(
        record(Topics.LOGIN_EVENTS, 1, 7, event(RecordReaderTest.EVENT_ID)),
        record(Topics.LOGIN_EVENTS, 1, 8, GARBAGE)), RecordReader.securityEvent());

    assertEquals(1, batch.events().size());
    SourcedEvent<SecurityEvent> read = batch.events().get(0);
    assertEquals(UUID.fromString(RecordReaderTest.EVENT_ID), read.event().eventId());
    assertEquals(Topics.LOGIN_EVENTS, read.topic());
    assertEquals(1, read.partition());
    assertEquals(7, read.offset());

    assertEquals(1, batch.deadLetters().size());
    DeadLetter letter = batch.deadLetters().get(0);
    assertEquals("not-json", letter.reason());
    assertEquals("auth.login-events-1@8", letter.source());
    assertArrayEquals(KEY, letter.key());
    assertArrayEquals(GARBAGE, letter.value());
    assertEquals(2, batch.size());
  }

  @Test
  @DisplayName("the offsets to commit are one past the last record of each partition, dead-lettered ones included")
  void commitsPastTheLastRecordOfEachPartition() {
    ConsumerBatch<SecurityEvent> batch = ConsumerBatch.of(List.of(
        record(Topics.LOGIN_EVENTS, 0, 41, event("0190f1a2-3b4c-7d5e-8f60-000000000001")),
        record(Topics.LOGIN_EVENTS, 0, 42, GARBAGE),
        record(Topics.LOGIN_EVENTS, 2, 5, event("0190f1a2-3b4c-7d5e-8f60-000000000002")),
        record(Topics.ACCOUNT_EVENTS, 0, 9, event("0190f1a2-3b4c-7d5e-8f60-000000000003"))),
        RecordReader.securityEvent());

    Map<TopicPartition, Long> offsets = batch.offsetsToCommit().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().getOffset()));
    assertEquals(Map.of(
        new TopicPartition(Topics.LOGIN_EVENTS, 0), 43L,
        new TopicPartition(Topics.LOGIN_EVENTS, 2), 6L,
        new TopicPartition(Topics.ACCOUNT_EVENTS, 0), 10L), offsets);
  }

  @Test
  @DisplayName("a dead letter goes to the dead-letter topic unchanged, with its reason, source and consumer group in headers")
  void deadLetterCarriesReasonSourceAndGroup() {
    KafkaProducerRecord<byte[], byte[]> record =
        new DeadLetter(KEY, GARBAGE, "not-json", "auth.login-events-1@8").toProducerRecord("audit-consumer");

    assertEquals(Topics.DEAD_LETTER, record.topic());
    assertArrayEquals(KEY, record.key());
    assertArrayEquals(GARBAGE, record.value());
    Map<String, String> headers = record.headers().stream()
        .collect(Collectors.toMap(KafkaHeader::key, header -> header.value().toString()));
    assertEquals(Map.of(Topics.HEADER_DLQ_REASON, "not-json", Topics.HEADER_DLQ_SOURCE, "auth.login-events-1@8",
        DeadLetter.HEADER_DLQ_CONSUMER, "audit-consumer"), headers);
  }
}

package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import dev.portal.login.contracts.EventIds;
import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * At-least-once in, exactly-once in effect: the audit consumer writes each event once however
 * often Kafka delivers it, across a restart, and moves unreadable records to the dead-letter topic.
 */
class AuditReplayTest {

  @Test
  @DisplayName("a replayed event, before and after the consumer restarts, leaves exactly one audit row; an unreadable record is dead-lettered with its reason")
  void replaysChangeNothing() throws Exception {
    String group = "audit-replay-" + UUID.randomUUID();
    SecurityEvent first = event();
    String garbage = "{not an event " + UUID.randomUUID();

    try (RunningApp consumer = RunningApp.start(EnumSet.of(Role.AUDIT_CONSUMER), Map.of("AUDIT_GROUP_ID", group))) {
      produce(first, first, garbage);
      Eventually.await("the event's row", () -> rowsOf(first), n -> n >= 1);
      ConsumerRecord<String, String> dead = Eventually.await("the dead letter", () -> deadLetter(garbage),
          found -> found != null);
      assertEquals("not-json", header(dead, Topics.HEADER_DLQ_REASON));
      assertEquals(1, rowsOf(first), "delivered twice, written once");
    }

    SecurityEvent second = event();
    try (RunningApp restarted = RunningApp.start(EnumSet.of(Role.AUDIT_CONSUMER), Map.of("AUDIT_GROUP_ID", group))) {
      produce(first, second);
      Eventually.await("the second event's row", () -> rowsOf(second), n -> n >= 1);
      assertEquals(1, rowsOf(first), "replayed after a restart, still written once");
      assertEquals(1, rowsOf(second));
    }
  }

  private static SecurityEvent event() {
    UUID account = UUID.randomUUID();
    return new SecurityEvent(EventIds.next(), EventTypes.LOGIN_FAILED, SecurityEvent.SCHEMA_VERSION,
        Instant.now().truncatedTo(ChronoUnit.MILLIS), account, account.toString(), "username", "192.0.2.7",
        "replay-test", "req-" + UUID.randomUUID(), Outcomes.FAILURE, Outcomes.REASON_BAD_CREDENTIALS, null);
  }

  private static long rowsOf(SecurityEvent event) {
    return Database.count("SELECT count(*) FROM audit.audit_event WHERE event_id = ?", event.eventId());
  }

  private static void produce(Object... values) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.get().endpoints().kafka().bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (Object value : values) {
        String text = value instanceof SecurityEvent e ? e.toJson().encode() : value.toString();
        String key = value instanceof SecurityEvent e ? e.subjectKey() : "garbage";
        producer.send(new ProducerRecord<>(Topics.LOGIN_EVENTS, key, text)).get();
      }
    }
  }

  private static ConsumerRecord<String, String> deadLetter(String value) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.get().endpoints().kafka().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.DEAD_LETTER));
      for (int polls = 0; polls < 10; polls++) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (value.equals(record.value())) {
            return record;
          }
        }
      }
      return null;
    }
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}

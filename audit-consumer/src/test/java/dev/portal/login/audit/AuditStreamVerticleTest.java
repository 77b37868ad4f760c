package dev.portal.login.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.contracts.EventIds;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditStreamVerticleTest {

  @Test
  @DisplayName("each live message says where in Kafka the event was read, beside the item and the subject key")
  void liveMessageCarriesItsKafkaPosition() {
    UUID account = UUID.randomUUID();
    SecurityEvent event = new SecurityEvent(EventIds.next(), "login.failed", SecurityEvent.SCHEMA_VERSION,
        Instant.parse("2026-03-01T08:00:00Z"), account, account.toString(), "username", "203.0.113.7", "curl",
        "req-1", "failure", "bad_credentials", new JsonObject());

    JsonObject message = AuditStreamVerticle.liveMessage(event, Topics.LOGIN_EVENTS, 2, 41L);

    assertEquals(event.eventId().toString(), message.getJsonObject("item").getString("eventId"));
    assertEquals(account.toString(), message.getString("subjectKey"));
    assertEquals(Topics.LOGIN_EVENTS, message.getString("topic"));
    assertEquals(2, message.getInteger("partition"));
    assertEquals(41L, message.getLong("offset"));
  }

  @Test
  @DisplayName("positions are answered one per partition, in topic and partition order")
  void positionsInOrder() {
    JsonObject answer = AuditStreamVerticle.positionsJson(Map.of(
        new TopicPartition(Topics.LOGIN_EVENTS, 1), 7L,
        new TopicPartition(Topics.ACCOUNT_EVENTS, 0), 3L,
        new TopicPartition(Topics.LOGIN_EVENTS, 0), 12L));

    assertEquals(new JsonArray()
        .add(new JsonObject().put("topic", Topics.ACCOUNT_EVENTS).put("partition", 0).put("next", 3L))
        .add(new JsonObject().put("topic", Topics.LOGIN_EVENTS).put("partition", 0).put("next", 12L))
        .add(new JsonObject().put("topic", Topics.LOGIN_EVENTS).put("partition", 1).put("next", 7L)),
        answer.getJsonArray("positions"));
  }
}

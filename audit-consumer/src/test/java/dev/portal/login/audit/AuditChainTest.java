package dev.portal.login.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditChainTest {

  private static SecurityEvent event(String eventId) {
    return SecurityEvent.fromJson(AuditRecordReaderTest.validEvent().put("eventId", eventId));
  }

  private static SourcedEvent<SecurityEvent> sourced(String eventId, String topic, int partition, long offset) {
    return new SourcedEvent<>(event(eventId), topic, partition, offset);
  }

  private static String id(int n) {
    return String.format("0190f1a2-3b4c-7d5e-8f60-%012d", n);
  }

  @Test
  @DisplayName("a link is SHA-256 of the previous hash and the row, so changing either changes it")
  void linkDependsOnPreviousAndRow() {
    SecurityEvent event = event(id(1));
    byte[] first = AuditChain.link(AuditChain.GENESIS, event, Topics.LOGIN_EVENTS, 0, 5);
    assertEquals(32, first.length);
    assertArrayEquals(first, AuditChain.link(AuditChain.GENESIS, event, Topics.LOGIN_EVENTS, 0, 5), "deterministic");
    assertFalse(Arrays.equals(first, AuditChain.link(first, event, Topics.LOGIN_EVENTS, 0, 5)));
    SecurityEvent edited = SecurityEvent.fromJson(event.toJson().put("reason", "locked"));
    assertFalse(Arrays.equals(first, AuditChain.link(AuditChain.GENESIS, edited, Topics.LOGIN_EVENTS, 0, 5)));
    assertFalse(Arrays.equals(first, AuditChain.link(AuditChain.GENESIS, event, Topics.LOGIN_EVENTS, 0, 6)),
        "moving a row to another offset breaks it too");
  }

  @Test
  @DisplayName("the hashed text is the same for a row as written and as read back: sorted detail keys, one number form, microseconds")
  void canonicalTextSurvivesTheDatabase() {
    SecurityEvent written = SecurityEvent.fromJson(AuditRecordReaderTest.validEvent()
        .put("occurredAt", "2026-03-01T08:15:30.123456789Z")
        .put("details", new JsonObject().put("b", 1.50).put("a", new JsonObject().put("y", 100).put("x", "é"))
            .put("list", new JsonArray().add(1).add("two"))));
    // jsonb gives keys back in its own order and numbers as it parsed them; timestamptz keeps microseconds
    SecurityEvent readBack = SecurityEvent.fromJson(AuditRecordReaderTest.validEvent()
        .put("occurredAt", "2026-03-01T08:15:30.123456Z")
        .put("details", new JsonObject().put("a", new JsonObject().put("x", "é").put("y", 100L))
            .put("list", new JsonArray().add(1L).add("two")).put("b", 1.5)));

    assertEquals(AuditChain.canonical(written, "t", 1, 2), AuditChain.canonical(readBack, "t", 1, 2));
    assertEquals(Instant.parse("2026-03-01T08:15:30.123456Z"),
        AuditChain.storedInstant(Instant.parse("2026-03-01T08:15:30.123456789Z")));
  }

  @Test
  @DisplayName("a batch is chained per Kafka partition in offset order, each row continuing from the stored one before it")
  void chainsPerPartitionInOffsetOrder() {
    List<SourcedEvent<SecurityEvent>> batch = List.of(
        sourced(id(3), Topics.LOGIN_EVENTS, 0, 12), sourced(id(1), Topics.LOGIN_EVENTS, 0, 10),
        sourced(id(2), Topics.ACCOUNT_EVENTS, 0, 4), sourced(id(4), Topics.LOGIN_EVENTS, 1, 7));
    var chains = PostgresAuditWriter.byChain(batch);
    byte[] storedBefore = new byte[32];
    storedBefore[0] = 9;
    List<Tuple> rows = PostgresAuditWriter.link(chains,
        Map.of(new PostgresAuditWriter.ChainKey(Topics.LOGIN_EVENTS, 0), storedBefore));

    assertEquals(4, rows.size());
    // login-events/0 comes first, offsets 10 then 12; the first continues from the stored hash
    assertEquals(UUID.fromString(id(1)), rows.get(0).getUUID(0));
    assertArrayEquals(storedBefore, rows.get(0).getBuffer(17).getBytes());
    assertEquals(UUID.fromString(id(3)), rows.get(1).getUUID(0));
    assertArrayEquals(rows.get(0).getBuffer(18).getBytes(), rows.get(1).getBuffer(17).getBytes());
    // a partition with nothing stored starts from zeros
    assertArrayEquals(AuditChain.GENESIS, rows.get(2).getBuffer(17).getBytes());
    assertArrayEquals(AuditChain.GENESIS, rows.get(3).getBuffer(17).getBytes());
    assertArrayEquals(AuditChain.link(storedBefore, event(id(1)), Topics.LOGIN_EVENTS, 0, 10),
        rows.get(0).getBuffer(18).getBytes());
  }

  @Test
  @DisplayName("an event delivered twice in one batch is written once, at its first position")
  void repeatsInABatchAreLeftOut() {
    List<SourcedEvent<SecurityEvent>> batch = new ArrayList<>(List.of(sourced(id(1), Topics.LOGIN_EVENTS, 0, 1),
        sourced(id(2), Topics.LOGIN_EVENTS, 0, 2), sourced(id(1), Topics.LOGIN_EVENTS, 0, 3)));
    List<SourcedEvent<SecurityEvent>> unique = PostgresAuditWriter.withoutRepeats(batch);
    assertEquals(List.of(1L, 2L), unique.stream().map(SourcedEvent::offset).toList());
  }

  @Test
  @DisplayName("hashes travel as hex in a verification's resume object and come back unchanged")
  void hexRoundTrip() {
    byte[] hash = AuditChain.link(AuditChain.GENESIS, event(id(1)), "t", 0, 0);
    assertArrayEquals(hash, AuditChain.fromHex(AuditChain.hex(hash)));
    assertNotEquals(AuditChain.hex(hash), AuditChain.hex(AuditChain.GENESIS));
  }
}

package dev.portal.login.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static SourcedEvent<SecurityEvent> sourced(String eventId, long offset) {
    SecurityEvent event = SecurityEvent.fromJson(AuditRecordReaderTest.validEvent().put("eventId", eventId));
    return new SourcedEvent<>(event, Topics.LOGIN_EVENTS, 0, offset);
  }

  @Test
  @DisplayName("a batch is handed to the writer whole, and only the rows that were new are counted")
  void countsOnlyNewRows() {
    List<List<SourcedEvent<SecurityEvent>>> written = new ArrayList<>();
    AuditTrail trail = new AuditTrail(events -> {
      written.add(events);
      return Future.succeededFuture(1); // the other event was a replay
    }, registry);
    List<SourcedEvent<SecurityEvent>> batch = List.of(
        sourced("0190f1a2-3b4c-7d5e-8f60-000000000001", 0), sourced("0190f1a2-3b4c-7d5e-8f60-000000000002", 1));

    Future<Void> appended = trail.append(batch);

    assertTrue(appended.succeeded());
    assertEquals(List.of(batch), written);
    assertEquals(1.0, registry.counter(AuditTrail.ROWS_WRITTEN).count());
  }

  @Test
  @DisplayName("a failed write fails the batch, so it is retried uncommitted, and counts nothing")
  void failedWriteFailsTheBatch() {
    AuditTrail trail = new AuditTrail(
        events -> Future.failedFuture(new PgException("connection lost", "FATAL", "08006", null)), registry);

    Future<Void> appended = trail.append(List.of(sourced("0190f1a2-3b4c-7d5e-8f60-000000000001", 0)));

    assertTrue(appended.failed());
    assertEquals(0.0, registry.counter(AuditTrail.ROWS_WRITTEN).count());
  }

  @Test
  @DisplayName("the audit loop keeps its meter names, and a database failure is logged by SQLSTATE only")
  void metersAndFailureDescription() {
    AuditConsumerVerticle.meters(registry);
    assertEquals(1, registry.find("audit.records.dead.lettered").counters().size());
    assertEquals(1, registry.find("audit.write.retries").counters().size());
    assertEquals(1, registry.find("audit.batch.duration").timers().size());
    assertEquals("database error SQLSTATE 08006",
        AuditDatabase.describe(new PgException("value 'bob' too long", "FATAL", "08006", null)));
  }
}

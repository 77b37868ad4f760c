package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.AuditClient;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.SecurityEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit table keeps a partition per month: an event of any month is written (its partition
 * made on demand), and a month wholly older than the retention is dropped as a whole.
 */
class AuditRetentionTest {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy_MM").withZone(ZoneOffset.UTC);

  @Test
  @DisplayName("an event 500 days old gets its month's partition on demand, and the next start drops that month while keeping recent rows")
  void retentionDropsOldPartitions() throws Exception {
    String group = "audit-retention-" + UUID.randomUUID();
    SecurityEvent old = AuditClient.event(EventTypes.LOGIN_FAILED, UUID.randomUUID(), "192.0.2.1", Outcomes.FAILURE,
        Outcomes.REASON_BAD_CREDENTIALS, Instant.now().minus(500, ChronoUnit.DAYS));
    SecurityEvent recent = AuditClient.event(EventTypes.LOGIN_FAILED, UUID.randomUUID(), "192.0.2.2", Outcomes.FAILURE,
        Outcomes.REASON_BAD_CREDENTIALS, Instant.now());
    String oldPartition = "audit_event_" + MONTH.format(old.occurredAt());

    try (RunningApp writer = RunningApp.start(EnumSet.of(Role.AUDIT_CONSUMER), Map.of("AUDIT_GROUP_ID", group))) {
      AuditClient.produce(List.of(old, recent));
      Eventually.await("both rows", () -> rows(old) + rows(recent), n -> n == 2);
      assertEquals(1, partitions(oldPartition), "the old month's partition was made for the event");
    }

    try (RunningApp restarted = RunningApp.start(EnumSet.of(Role.AUDIT_CONSUMER),
        Map.of("AUDIT_GROUP_ID", group, "AUDIT_RETENTION_DAYS", "400"))) {
      Eventually.await("the old partition dropped", () -> partitions(oldPartition), n -> n == 0);
      assertEquals(0, rows(old));
      assertEquals(1, rows(recent), "recent months stay");
      String nextMonth = "audit_event_" + MONTH.format(Instant.now().atOffset(ZoneOffset.UTC).plusMonths(2));
      assertEquals(1, partitions(nextMonth), "the coming months exist ahead of their events");
    }
  }

  private static long rows(SecurityEvent event) {
    return Database.count("SELECT count(*) FROM audit.audit_event WHERE event_id = ?", event.eventId());
  }

  private static long partitions(String name) {
    return Database.count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE n.nspname = 'audit' AND c.relname = ?", name);
  }
}

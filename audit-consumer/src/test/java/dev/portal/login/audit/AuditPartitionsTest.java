package dev.portal.login.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditPartitionsTest {

  @Test
  @DisplayName("a month is expired only once its whole month ended at or before the cutoff")
  void expiresWholeMonthsOnly() {
    Instant cutoff = Instant.parse("2025-03-01T00:00:00Z");
    assertTrue(AuditPartitions.expired("audit_event_2025_02", cutoff), "February ended exactly at the cutoff");
    assertTrue(AuditPartitions.expired("audit_event_2024_12", cutoff));
    assertFalse(AuditPartitions.expired("audit_event_2025_03", cutoff), "March still holds rows inside retention");
    assertFalse(AuditPartitions.expired("audit_event_2025_02", Instant.parse("2025-02-28T23:59:59Z")));
  }

  @Test
  @DisplayName("only tables named like monthly partitions are ever dropped")
  void onlyMonthlyPartitionsAreDropped() {
    Instant cutoff = Instant.parse("2030-01-01T00:00:00Z");
    assertFalse(AuditPartitions.expired("audit_event", cutoff));
    assertFalse(AuditPartitions.expired("audit_event_v1", cutoff));
    assertFalse(AuditPartitions.expired("flyway_schema_history", cutoff));
    assertEquals("DROP TABLE IF EXISTS audit.audit_event_2024_01", AuditSql.dropPartition("audit_event_2024_01"));
    assertThrows(IllegalArgumentException.class, () -> AuditSql.dropPartition("audit_event; DROP SCHEMA audit"));
  }

  @Test
  @DisplayName("an event's month is its UTC month")
  void monthIsUtc() {
    assertEquals(YearMonth.of(2026, 2), AuditPartitions.monthOf(Instant.parse("2026-02-28T23:30:00Z")));
    assertEquals(YearMonth.of(2026, 3), AuditPartitions.monthOf(Instant.parse("2026-03-01T00:00:00Z")));
  }
}

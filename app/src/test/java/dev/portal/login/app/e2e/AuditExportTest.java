package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.AuditClient;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exports of any size stream in bounded memory: 100,000 audit rows go out as NDJSON and as CSV
 * while the heap the app holds (measured after a collection, in this same JVM) stays flat.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditExportTest {
  private static final String ADMIN = "export-lead";
  private static final String ADMIN_PASSWORD = "correct horse battery staple 42";
  private static final int ROWS = 100_000;
  /** How much the live heap may grow while an export runs; all rows at once would be hundreds of MiB. */
  private static final long HEAP_GROWTH_LIMIT = 48L * 1024 * 1024;
  private static final int SAMPLE_EVERY = 10_000;

  private RunningApp app;
  private AuditClient audit;
  private String adminToken;

  @BeforeAll
  void start() throws Exception {
    TestServices.get().resetNow();
    app = RunningApp.start(EnumSet.of(Role.API),
        Map.of("BOOTSTRAP_ADMIN_USERNAME", ADMIN, "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD));
    adminToken = new ApiClient(app.baseUrl()).accessToken(ADMIN, ADMIN_PASSWORD);
    audit = new AuditClient(app.baseUrl());
    // one statement: time-ordered ids (UUIDv7 layout) one millisecond apart, all in the current month's partition
    Database.execute("""
        INSERT INTO audit.audit_event (event_id, type, schema_version, occurred_at, account_id, subject_key,
          identifier_kind, ip, ip_inet, user_agent, request_id, outcome, reason, details, kafka_topic,
          kafka_partition, kafka_offset)
        SELECT (lpad(to_hex(ms), 12, '0') || '7000' || '8000' || lpad(to_hex(i), 12, '0'))::uuid, 'export.test', 1,
          to_timestamp(ms / 1000.0), NULL, 'u:export', 'username', '198.51.100.' || (i % 250),
          ('198.51.100.' || (i % 250))::inet, 'Mozilla/5.0 (X11, "export")', 'req-' || i, 'failure',
          'bad_credentials', jsonb_build_object('n', i), 'test.export', 0, i
        FROM (SELECT i, (extract(epoch FROM date_trunc('second', now())) * 1000)::bigint - ? + i AS ms
              FROM generate_series(1, ?) AS i) rows""", (long) ROWS + 1000, ROWS);
    assertEquals(ROWS, Database.count("SELECT count(*) FROM audit.audit_event WHERE type = 'export.test'"));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @DisplayName("100,000 rows stream as NDJSON, each once, while the live heap grows by less than 48 MiB")
  void ndjsonExportInBoundedMemory() {
    Set<String> ids = new HashSet<>();
    long growth = exportMeasuringHeap("application/x-ndjson", line -> {
      JsonObject item = new JsonObject(line);
      assertEquals("export.test", item.getString("type"));
      ids.add(item.getString("eventId"));
    });
    assertEquals(ROWS, ids.size(), "every row exactly once");
    System.out.printf("[AuditExportTest] NDJSON export of %d rows: live heap grew by %.1f MiB at most%n", ROWS,
        growth / 1048576.0);
    assertTrue(growth < HEAP_GROWTH_LIMIT, "live heap grew by " + growth + " bytes");
    assertTrue(app.application().registry().scrape().contains("audit_export_rows_total"));
  }

  @Test
  @DisplayName("100,000 rows stream as CSV with a header line and quoted fields, in bounded memory")
  void csvExportInBoundedMemory() {
    AtomicLong lines = new AtomicLong();
    AtomicReference<String> header = new AtomicReference<>();
    AtomicReference<String> sample = new AtomicReference<>();
    long growth = exportMeasuringHeap("text/csv", line -> {
      if (lines.getAndIncrement() == 0) {
        header.set(line);
      } else if (sample.get() == null) {
        sample.set(line);
      }
    });
    assertEquals(ROWS + 1, lines.get());
    assertEquals("eventId,occurredAt,type,outcome,reason,accountId,identifierKind,ip,userAgent,requestId,details",
        header.get());
    assertTrue(sample.get().contains(",\"Mozilla/5.0 (X11, \"\"export\"\")\","), sample.get());
    System.out.printf("[AuditExportTest] CSV export of %d rows: live heap grew by %.1f MiB at most%n", ROWS,
        growth / 1048576.0);
    assertTrue(growth < HEAP_GROWTH_LIMIT, "live heap grew by " + growth + " bytes");
  }

  /** Runs the export, sampling the heap left after a collection every few thousand lines; returns the largest growth. */
  private long exportMeasuringHeap(String accept, java.util.function.Consumer<String> eachLine) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = liveHeap(memory);
    AtomicLong peak = new AtomicLong(before);
    AtomicLong count = new AtomicLong();
    long started = System.nanoTime();
    int status = audit.getLines("/api/v1/audit/events?type=export.test", adminToken, accept, line -> {
      eachLine.accept(line);
      if (count.incrementAndGet() % SAMPLE_EVERY == 0) {
        peak.accumulateAndGet(liveHeap(memory), Math::max);
      }
    });
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals(200, status);
    System.out.printf("[AuditExportTest] %s: %d lines in %.1f s (%.0f rows/s, with a GC every %d lines)%n", accept,
        count.get(), seconds, count.get() / seconds, SAMPLE_EVERY);
    return peak.get() - before;
  }

  private static long liveHeap(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}

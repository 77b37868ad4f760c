package dev.portal.login.audit;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.SecurityEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.List;

/** The audit consumer's batch effect: appends a batch of events to the trail and counts the rows that were new. */
final class AuditTrail {
  static final String ROWS_WRITTEN = "audit.rows.written";

  private final AuditWriter writer;
  private final Counter rowsWritten;

  AuditTrail(AuditWriter writer, MeterRegistry registry) {
    this.writer = writer;
    this.rowsWritten = Counter.builder(ROWS_WRITTEN)
        .description("Audit rows inserted (replayed events are not counted)").register(registry);
  }

  Future<Void> append(List<SourcedEvent<SecurityEvent>> events) {
    return writer.write(events).map(inserted -> {
      rowsWritten.increment(inserted);
      return null;
    });
  }
}

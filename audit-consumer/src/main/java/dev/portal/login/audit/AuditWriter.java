package dev.portal.login.audit;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.Future;
import java.util.List;

/** Where the audit consumer puts a batch of events; writing the same event twice must change nothing. */
interface AuditWriter {
  /** @return how many of the events were new (replayed events count zero) */
  Future<Integer> write(List<SourcedEvent<SecurityEvent>> events);
}

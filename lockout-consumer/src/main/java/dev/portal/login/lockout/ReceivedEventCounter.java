package dev.portal.login.lockout;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.SecurityEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * Counts the security events the lockout consumer received, by type. Types outside the known set
 * are counted as "other" so a misbehaving producer cannot grow the metric without bound.
 */
final class ReceivedEventCounter {
  static final String METRIC = "lockout.events.received";
  static final String OTHER = "other";
  private static final Set<String> KNOWN_TYPES = Set.of(EventTypes.ACCOUNT_REGISTERED, EventTypes.LOGIN_SUCCEEDED,
      EventTypes.LOGIN_FAILED, EventTypes.LOGIN_REJECTED, EventTypes.ACCOUNT_LOCKED, EventTypes.ACCOUNT_UNLOCKED);

  private final MeterRegistry registry;

  ReceivedEventCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The lockout consumer's batch effect for now; lock and throttle state come in a later issue. */
  Future<Void> countAll(List<SourcedEvent<SecurityEvent>> events) {
    events.forEach(sourced -> count(sourced.event()));
    return Future.succeededFuture();
  }

  private void count(SecurityEvent event) {
    Counter.builder(METRIC)
        .description("Security events received by the lockout consumer")
        .tag("type", typeTag(event.type()))
        .register(registry)
        .increment();
  }

  static String typeTag(String type) {
    return KNOWN_TYPES.contains(type) ? type : OTHER;
  }
}

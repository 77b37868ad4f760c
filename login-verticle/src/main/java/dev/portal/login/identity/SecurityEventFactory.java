package dev.portal.login.identity;

import dev.portal.login.contracts.EventIds;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/** Stamps security events with a time-ordered id, the time and who asked. */
final class SecurityEventFactory {
  private final Clock clock;

  SecurityEventFactory(Clock clock) {
    this.clock = clock;
  }

  SecurityEvent create(String type, UUID accountId, String subjectKey, String identifierKind,
      RequestContext context, String outcome, String reason, JsonObject details) {
    return new SecurityEvent(
        EventIds.next(clock),
        type,
        SecurityEvent.SCHEMA_VERSION,
        clock.instant(),
        accountId,
        subjectKey,
        identifierKind,
        context.ip(),
        context.userAgent(),
        context.requestId(),
        outcome,
        reason,
        details);
  }
}

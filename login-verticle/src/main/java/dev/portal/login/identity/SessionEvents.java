package dev.portal.login.identity;

import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.SecurityEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * Records session changes in Kafka (and so in the audit trail) and counts revocations. A revocation
 * has already taken effect when it is recorded: if Kafka cannot take the event the session stays
 * ended (security first), the gap is logged by the publisher and counted, and the caller still
 * gets its answer.
 */
final class SessionEvents {
  private final EventPublisher publisher;
  private final SecurityEventFactory events;
  private final MeterRegistry registry;

  SessionEvents(EventPublisher publisher, SecurityEventFactory events, MeterRegistry registry) {
    this.publisher = publisher;
    this.events = events;
    this.registry = registry;
    reuseDetected();
  }

  /** session.created; must be acknowledged, like the login it belongs to. */
  SecurityEvent created(UUID accountId, String sessionId, List<String> amr, RequestContext context) {
    return events.create(EventTypes.SESSION_CREATED, accountId, accountId.toString(), null, context,
        Outcomes.SUCCESS, null, new JsonObject().put("sessionId", sessionId).put("amr", amr));
  }

  /** session.revoked for each session, reason and actor (the account id of who ended it) included. */
  Future<Void> revoked(UUID accountId, List<String> sessionIds, SessionEnd reason, String actor,
      RequestContext context) {
    sessionsRevoked(reason.wireName()).increment(sessionIds.size());
    return recordAll(sessionIds.stream()
        .map(sessionId -> revokedEvent(accountId, sessionId, reason, actor, context))
        .toList());
  }

  private SecurityEvent revokedEvent(UUID accountId, String sessionId, SessionEnd reason, String actor,
      RequestContext context) {
    return events.create(EventTypes.SESSION_REVOKED, accountId, accountId.toString(), null, context,
        Outcomes.SUCCESS, reason.wireName(), new JsonObject().put("sessionId", sessionId).put("actor", actor));
  }

  /** session.refresh_reused then session.revoked (reason reused): the signal of a stolen refresh token. */
  Future<Void> refreshReused(UUID accountId, String sessionId, RequestContext context) {
    reuseDetected().increment();
    sessionsRevoked(SessionEnd.REUSED.wireName()).increment();
    SecurityEvent reuse = events.create(EventTypes.SESSION_REFRESH_REUSED, accountId, accountId.toString(), null,
        context, Outcomes.REJECTED, SessionEnd.REUSED.wireName(), new JsonObject().put("sessionId", sessionId));
    return recordAll(List.of(reuse, revokedEvent(accountId, sessionId, SessionEnd.REUSED, null, context)));
  }

  /** account.disabled or account.enabled, with the administrator as actor. */
  Future<Void> accountStatus(String type, UUID accountId, String actor, RequestContext context) {
    return recordAll(List.of(events.create(type, accountId, accountId.toString(), null, context,
        Outcomes.SUCCESS, null, new JsonObject().put("actor", actor))));
  }

  // Sent together: events of one account share a key, hence a partition, and the idempotent producer
  // keeps the order of sends within it; a failed send is already logged and counted by the publisher.
  private Future<Void> recordAll(List<SecurityEvent> toRecord) {
    List<Future<Void>> sent = toRecord.stream().map(publisher::publish).toList();
    return Future.join(sent).<Void>mapEmpty().otherwiseEmpty();
  }

  // registered when this starts, so a scrape holds it (at zero) before the first reuse
  private Counter reuseDetected() {
    return Counter.builder("auth.refresh.reuse.detected").description("Spent refresh tokens presented again (session revoked)")
        .register(registry);
  }

  private Counter sessionsRevoked(String reason) {
    return Counter.builder("auth.sessions.revoked").description("Sessions ended before their time, by reason")
        .tag("reason", reason).register(registry);
  }
}

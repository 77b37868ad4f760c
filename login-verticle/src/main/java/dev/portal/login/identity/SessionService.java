package dev.portal.login.identity;

import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A person's view of their sessions and the ways to end them (sign out, end one elsewhere, end all
 * others), and an administrator's "end every session of this account". Each ending takes effect in
 * Redis first, where every gateway looks on every request, and is then recorded.
 */
final class SessionService {
  private final SessionStore sessions;
  private final AccountStore accounts;
  private final SessionEvents sessionEvents;
  private final Clock clock;

  SessionService(SessionStore sessions, AccountStore accounts, SessionEvents sessionEvents, Clock clock) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.sessionEvents = sessionEvents;
    this.clock = clock;
  }

  /** identity.logout: {accountId, sessionId} -> {}. Ending an already ended session is still a success. */
  Future<JsonObject> logout(JsonObject body) {
    UUID accountId = SessionRequests.accountId(body, "accountId");
    String sessionId = SessionRequests.sessionId(body, "sessionId");
    if (sessionId == null) {
      return Future.succeededFuture(new JsonObject());
    }
    return endOne(accountId, sessionId, SessionEnd.LOGOUT, RequestContext.of(body)).map(ended -> new JsonObject());
  }

  /** identity.sessions: {accountId, sessionId} -> {items: [...]}, newest first, the caller's marked current. */
  Future<JsonObject> list(JsonObject body) {
    UUID accountId = SessionRequests.accountId(body, "accountId");
    String current = SessionRequests.sessionId(body, "sessionId");
    return sessions.list(accountId, clock.instant()).map(found -> {
      JsonArray items = new JsonArray();
      found.stream()
          .sorted(Comparator.comparing(SessionStore.ActiveSession::createdAt).reversed())
          .forEach(session -> items.add(view(session, session.sessionId().equals(current))));
      return new JsonObject().put("items", items);
    });
  }

  /** identity.session.revoke: {accountId, sessionId, targetSessionId} -> {}, or 404 when not the caller's. */
  Future<JsonObject> revokeOne(JsonObject body) {
    UUID accountId = SessionRequests.accountId(body, "accountId");
    String target = SessionRequests.sessionId(body, "targetSessionId");
    SessionEnd reason = target != null && target.equals(SessionRequests.sessionId(body, "sessionId"))
        ? SessionEnd.LOGOUT : SessionEnd.USER;
    Future<Boolean> ended = target == null ? Future.succeededFuture(false)
        : endOne(accountId, target, reason, RequestContext.of(body));
    return ended.compose(found -> found ? Future.succeededFuture(new JsonObject())
        : Future.failedFuture(new ProblemException(ProblemType.NOT_FOUND, "You have no such session.")));
  }

  /** identity.sessions.revoke-others: {accountId, sessionId} -> {}. */
  Future<JsonObject> revokeOthers(JsonObject body) {
    UUID accountId = SessionRequests.accountId(body, "accountId");
    String keep = SessionRequests.sessionId(body, "sessionId");
    return endAll(accountId, SessionEnd.OTHERS, keep, accountId.toString(), RequestContext.of(body))
        .map(ended -> new JsonObject());
  }

  /** identity.admin.revoke-sessions: {actorAccountId, accountId} -> {}, or 404 for an unknown account. */
  Future<JsonObject> adminRevokeAll(JsonObject body) {
    UUID accountId = SessionRequests.accountId(body, "accountId");
    String actor = body.getString("actorAccountId");
    return accounts.accountExists(accountId)
        .compose(exists -> exists ? endAll(accountId, SessionEnd.ADMIN, null, actor, RequestContext.of(body))
            : Future.failedFuture(new ProblemException(ProblemType.NOT_FOUND, "No such account.")))
        .map(ended -> new JsonObject());
  }

  /** Ends every live session of the account (but {@code keep}) and records each; returns how many ended. */
  Future<Integer> endAll(UUID accountId, SessionEnd reason, String keep, String actor, RequestContext context) {
    return sessions.endAll(accountId, reason, keep, clock.instant())
        .compose(ended -> sessionEvents.revoked(accountId, ended, reason, actor, context).map(v -> ended.size()));
  }

  private Future<Boolean> endOne(UUID accountId, String sessionId, SessionEnd reason, RequestContext context) {
    return sessions.end(sessionId, accountId, reason)
        .compose(ended -> ended
            ? sessionEvents.revoked(accountId, List.of(sessionId), reason, accountId.toString(), context).map(true)
            : Future.succeededFuture(false));
  }

  private static JsonObject view(SessionStore.ActiveSession session, boolean current) {
    return new JsonObject()
        .put("id", session.sessionId())
        .put("createdAt", session.createdAt().toString())
        .put("lastSeenAt", session.lastSeenAt().toString())
        .put("ip", session.ip())
        .put("userAgent", session.userAgent())
        .put("current", current);
  }
}

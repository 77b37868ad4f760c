package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.Roles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The HTTP handlers of token refresh, sign-out, a person's own sessions and the administrators'
 * breach response. Each names the caller from its verified token (never from the body) and hands the
 * work to the login role; the session logic lives there.
 */
final class SessionRoutes {
  private static final Set<String> ADMINISTRATORS = Set.of(Roles.ADMIN);

  /** Sends an event-bus request; a failure arrives as the ProblemException the client should see. */
  @FunctionalInterface
  interface EventBusRequest {
    Future<JsonObject> ask(String address, JsonObject body);
  }

  private final EventBusRequest bus;

  SessionRoutes(EventBusRequest bus) {
    this.bus = bus;
  }

  /** POST /api/v1/auth/refresh {refresh_token}: a new token pair; the presented one is spent. */
  void refresh(RoutingContext ctx) {
    bus.ask(Addresses.IDENTITY_REFRESH, withContext(ctx, JsonRequestBody.of(ctx)))
        .compose(tokens -> {
          ctx.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
          return send(ctx, 200, tokens.encode());
        })
        .onFailure(ctx::fail);
  }

  /** POST /api/v1/auth/logout: ends the caller's session. */
  void logout(RoutingContext ctx) {
    noContent(ctx, Addresses.IDENTITY_LOGOUT, caller(ctx));
  }

  /** GET /api/v1/me/sessions: the caller's live sessions, theirs marked current. */
  void list(RoutingContext ctx) {
    bus.ask(Addresses.IDENTITY_SESSIONS, withContext(ctx, caller(ctx)))
        .compose(reply -> send(ctx, 200, reply.getJsonArray("items", new JsonArray()).encode()))
        .onFailure(ctx::fail);
  }

  /** DELETE /api/v1/me/sessions/{id}: ends one of the caller's sessions; 404 for anyone else's. */
  void revokeOne(RoutingContext ctx) {
    noContent(ctx, Addresses.IDENTITY_SESSION_REVOKE, caller(ctx).put("targetSessionId", ctx.pathParam("id")));
  }

  /** POST /api/v1/me/sessions/revoke-others: "sign out of all other devices". */
  void revokeOthers(RoutingContext ctx) {
    noContent(ctx, Addresses.IDENTITY_SESSIONS_REVOKE_OTHERS, caller(ctx));
  }

  /** POST /api/v1/admin/accounts/{id}/sessions/revoke (admin). */
  void adminRevokeSessions(RoutingContext ctx) {
    asAdministrator(ctx, Addresses.IDENTITY_ADMIN_REVOKE_SESSIONS);
  }

  /** POST /api/v1/admin/accounts/{id}/disable (admin): no more logins, every session ended. */
  void disableAccount(RoutingContext ctx) {
    asAdministrator(ctx, Addresses.IDENTITY_ADMIN_DISABLE);
  }

  /** POST /api/v1/admin/accounts/{id}/enable (admin). */
  void enableAccount(RoutingContext ctx) {
    asAdministrator(ctx, Addresses.IDENTITY_ADMIN_ENABLE);
  }

  private void asAdministrator(RoutingContext ctx, String address) {
    Principal principal = Principal.of(ctx);
    if (!principal.hasAnyRole(ADMINISTRATORS)) {
      ctx.fail(new ProblemException(ProblemType.FORBIDDEN, "This needs the admin role."));
      return;
    }
    noContent(ctx, address, new JsonObject()
        .put("actorAccountId", principal.accountId())
        .put("accountId", ctx.pathParam("id")));
  }

  private void noContent(RoutingContext ctx, String address, JsonObject body) {
    bus.ask(address, withContext(ctx, body))
        .compose(reply -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private static JsonObject caller(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    return new JsonObject().put("accountId", principal.accountId()).put("sessionId", principal.sessionId());
  }

  // The context is set last so a client cannot smuggle in its own "context" member.
  private static JsonObject withContext(RoutingContext ctx, JsonObject body) {
    return body.copy().put(RequestContext.FIELD, RequestContextHandler.of(ctx).toJson());
  }

  private static Future<Void> send(RoutingContext ctx, int status, String json) {
    return ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
  }
}

package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.Roles;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The administrators' view of an account's lock and their unlock. The gateway checks the role; the
 * login role reads the state and records the unlock request, which the lockout consumer applies.
 */
final class LockoutRoutes {
  private static final Set<String> READERS = Set.of(Roles.ADMIN, Roles.SECURITY);
  private static final Set<String> UNLOCKERS = Set.of(Roles.ADMIN);

  private final SessionRoutes.EventBusRequest bus;

  LockoutRoutes(SessionRoutes.EventBusRequest bus) {
    this.bus = bus;
  }

  /** GET /api/v1/admin/accounts/{id}/lockout (admin, security). */
  void state(RoutingContext ctx) {
    if (!Principal.of(ctx).hasAnyRole(READERS)) {
      ctx.fail(new ProblemException(ProblemType.FORBIDDEN, "Reading lock state needs the security or admin role."));
      return;
    }
    bus.ask(Addresses.IDENTITY_ADMIN_LOCKOUT, withContext(ctx, new JsonObject().put("accountId", ctx.pathParam("id"))))
        .compose(state -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store").end(state.encode()))
        .onFailure(ctx::fail);
  }

  /** POST /api/v1/admin/accounts/{id}/unlock (admin): 204 once the request is recorded. */
  void unlock(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    if (!principal.hasAnyRole(UNLOCKERS)) {
      ctx.fail(new ProblemException(ProblemType.FORBIDDEN, "Unlocking an account needs the admin role."));
      return;
    }
    JsonObject request = new JsonObject().put("actorAccountId", principal.accountId()).put("accountId", ctx.pathParam("id"));
    bus.ask(Addresses.IDENTITY_ADMIN_UNLOCK, withContext(ctx, request))
        .compose(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private static JsonObject withContext(RoutingContext ctx, JsonObject body) {
    return body.copy().put(RequestContext.FIELD, RequestContextHandler.of(ctx).toJson());
  }
}

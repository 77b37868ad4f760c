package dev.portal.login.gateway;

import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * How an HTTP handler hands its work to a role over the event bus and answers with the role's reply.
 * The gateway alone vouches for who is asking: the caller comes from the verified token, the request
 * context from the connection, and a client's own members of those names never get through.
 */
final class RoleRequests {
  /** Members a role takes as the gateway's word; stripped from what a client sends. */
  private static final List<String> VOUCHED_MEMBERS = List.of("accountId", "sessionId", "actorAccountId");
  /** The body of a 202 whose work goes on after the answer; the same whatever the outcome. */
  static final JsonObject ACCEPTED = new JsonObject().put("status", "accepted");

  private final SessionRoutes.EventBusRequest bus;

  RoleRequests(SessionRoutes.EventBusRequest bus) {
    this.bus = bus;
  }

  /** Asks the address with the request context added; a failure arrives as the client's ProblemException. */
  Future<JsonObject> ask(RoutingContext ctx, String address, JsonObject body) {
    return bus.ask(address, body.copy().put(RequestContext.FIELD, RequestContextHandler.of(ctx).toJson()));
  }

  /** Asks and answers with the reply at the given status (204: no body); failures go to the problem renderer. */
  void forward(RoutingContext ctx, String address, JsonObject body, int status) {
    ask(ctx, address, body)
        .compose(reply -> send(ctx, status, reply))
        .onFailure(ctx::fail);
  }

  /** A client's JSON body without any member the gateway vouches for. */
  static JsonObject anonymous(JsonObject body) {
    JsonObject copy = body.copy();
    VOUCHED_MEMBERS.forEach(copy::remove);
    return copy;
  }

  /** A client's JSON body (or none) naming the caller of the verified token, whatever the body said. */
  static JsonObject fromCaller(RoutingContext ctx, JsonObject body) {
    Principal principal = Principal.of(ctx);
    return anonymous(body).put("accountId", principal.accountId()).put("sessionId", principal.sessionId());
  }

  static Future<Void> send(RoutingContext ctx, int status, JsonObject body) {
    if (status == 204) {
      return ctx.response().setStatusCode(204).end();
    }
    return ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** Secrets and tokens in a reply: no cache, shared or private, may keep them. */
  static void forbidCaching(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
  }
}

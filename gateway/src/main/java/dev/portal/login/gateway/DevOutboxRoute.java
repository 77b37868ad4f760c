package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;

/**
 * GET /api/v1/dev/outbox?to=&limit=: the messages the notification role would have sent, for developers
 * and tests in no-setup mode. Anywhere else it looks exactly like a path that does not exist: switched
 * off here (DEV_OUTBOX), or no notification role with its outbox on in this process.
 */
final class DevOutboxRoute {
  static final int MAX_LIMIT = 1_000;
  private static final int MAX_RECIPIENT_CHARS = 254;

  private final Vertx vertx;
  private final boolean enabled;
  private final Duration timeout;

  DevOutboxRoute(Vertx vertx, boolean enabled, Duration timeout) {
    this.vertx = vertx;
    this.enabled = enabled;
    this.timeout = timeout;
  }

  void list(RoutingContext ctx) {
    if (!enabled) {
      ctx.fail(notFound());
      return;
    }
    Future.succeededFuture(ctx.queryParams())
        .map(DevOutboxRoute::request)
        .compose(request -> ask(request.put(RequestContext.FIELD, RequestContextHandler.of(ctx).toJson())))
        .compose(items -> RoleRequests.send(ctx, 200, items))
        .onFailure(ctx::fail);
  }

  // Not through the gateway's usual request: nobody answering means "not here", not "unavailable".
  private Future<JsonObject> ask(JsonObject request) {
    return vertx.eventBus().<JsonObject>request(Addresses.NOTIFICATION_DEV_OUTBOX, request,
            new DeliveryOptions().setSendTimeout(timeout.toMillis()))
        .map(Message::body)
        .recover(failure -> Future.failedFuture(failure instanceof ReplyException reply
            && reply.failureType() == ReplyFailure.NO_HANDLERS
            ? notFound() : new ProblemException(ProblemException.fromReplyFailure(failure))));
  }

  static JsonObject request(MultiMap query) {
    JsonObject request = new JsonObject();
    String to = query.get("to");
    if (to != null && !to.isEmpty()) {
      if (to.length() > MAX_RECIPIENT_CHARS) {
        throw invalid("to", "must be at most " + MAX_RECIPIENT_CHARS + " characters");
      }
      request.put("to", to);
    }
    String limit = query.get("limit");
    if (limit != null && !limit.isEmpty()) {
      request.put("limit", limit(limit));
    }
    return request;
  }

  private static int limit(String text) {
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below like any other value out of range
    }
    throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(Problem.validation(List.of(new Problem.FieldError(field, message))));
  }

  private static ProblemException notFound() {
    return new ProblemException(ProblemType.NOT_FOUND, "There is nothing at this path.");
  }
}

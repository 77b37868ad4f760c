package dev.portal.login.notification;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code Addresses.NOTIFICATION_DEV_OUTBOX}: {to?, limit?} -> {items} newest first, only the
 * messages to exactly {@code to} when given. Registered only when the development outbox is on, so
 * the gateway answers 404 everywhere else.
 */
final class DevOutboxRequests {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final Logger LOG = LoggerFactory.getLogger(DevOutboxRequests.class);

  private final DevOutbox outbox;

  DevOutboxRequests(DevOutbox outbox) {
    this.outbox = outbox;
  }

  void handle(Message<JsonObject> request) {
    JsonObject body = request.body() == null ? new JsonObject() : request.body();
    Object to = body.getValue("to");
    int limit;
    try {
      limit = limit(body.getValue("limit"));
    } catch (IllegalArgumentException e) {
      ProblemException.failMessage(request, Problem.validation(List.of(
          new Problem.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT))));
      return;
    }
    outbox.all()
        .map(items -> new JsonObject().put("items", select(items, to instanceof String text ? text : null, limit)))
        .onSuccess(request::reply)
        .onFailure(failure -> {
          LOG.warn("Reading the development outbox failed: {}", failure.getClass().getSimpleName());
          ProblemException.failMessage(request, Problem.of(ProblemType.UNAVAILABLE, "The outbox cannot be read now.")
              .withRetryAfter(1));
        });
  }

  /** Absent means the default; more than the maximum means the maximum. */
  static int limit(Object value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = value instanceof Number number ? Math.toIntExact(number.longValue())
          : Integer.parseInt(value.toString().trim());
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("limit is not a whole number");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit is below 1");
    }
    return Math.min(limit, MAX_LIMIT);
  }

  /** The newest {@code limit} items, to exactly {@code to} when it is given. */
  static JsonArray select(List<JsonObject> newestFirst, String to, int limit) {
    JsonArray selected = new JsonArray();
    newestFirst.stream()
        .filter(item -> to == null || Objects.equals(to, item.getString("to")))
        .limit(limit)
        .forEach(selected::add);
    return selected;
  }
}

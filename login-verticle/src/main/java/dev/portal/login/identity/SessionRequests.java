package dev.portal.login.identity;

import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Reads the ids in session and admin requests. The gateway fills them from a verified token and the
 * URL; an id that is not a UUID names nothing we hold, so it is answered as not found.
 */
final class SessionRequests {
  private SessionRequests() {
  }

  static UUID accountId(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value instanceof String text) {
      try {
        return UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        // answered below
      }
    }
    throw new ProblemException(ProblemType.NOT_FOUND, "No such account.");
  }

  /** A session id, lower-cased; null when absent or not a UUID. */
  static String sessionId(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String text)) {
      return null;
    }
    try {
      return UUID.fromString(text).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

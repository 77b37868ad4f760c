package dev.portal.login.audit;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One audit search as asked on {@code Addresses.AUDIT_QUERY}, checked field by field.
 *
 * @param accountId only events of this account, or null for all
 * @param type only events of this type, or null for all
 * @param limit how many items the page holds at most
 * @param before only events older than this id (decoded from the cursor), or null from the newest
 */
record AuditQuery(UUID accountId, String type, int limit, UUID before) {
  static final int MAX_LIMIT = 1000;
  private static final Pattern TYPE = Pattern.compile("[a-z._]{1,64}");

  /** @throws ProblemException a validation problem naming every bad field */
  static AuditQuery fromJson(JsonObject body) {
    JsonObject request = body == null ? new JsonObject() : body;
    List<Problem.FieldError> errors = new ArrayList<>();
    UUID accountId = readAccountId(request.getValue("accountId"), errors);
    String type = readType(request.getValue("type"), errors);
    int limit = readLimit(request.getValue("limit"), errors);
    UUID before = readCursor(request.getValue("cursor"), errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    return new AuditQuery(accountId, type, limit, before);
  }

  private static UUID readAccountId(Object value, List<Problem.FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      try {
        UUID id = UUID.fromString(text);
        if (id.toString().equalsIgnoreCase(text)) {
          return id;
        }
      } catch (IllegalArgumentException ignored) {
        // reported below
      }
    }
    errors.add(new Problem.FieldError("accountId", "must be a UUID"));
    return null;
  }

  private static String readType(Object value, List<Problem.FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text && TYPE.matcher(text).matches()) {
      return text;
    }
    errors.add(new Problem.FieldError("type", "must be 1 to 64 characters of a-z, '.' and '_'"));
    return null;
  }

  private static int readLimit(Object value, List<Problem.FieldError> errors) {
    if ((value instanceof Integer || value instanceof Long)) {
      long limit = ((Number) value).longValue();
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return (int) limit;
      }
    }
    errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    return 0;
  }

  private static UUID readCursor(Object value, List<Problem.FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      try {
        return AuditCursor.decode(text);
      } catch (IllegalArgumentException ignored) {
        // reported below
      }
    }
    errors.add(new Problem.FieldError("cursor", "is not a cursor returned by a previous page"));
    return null;
  }
}

package dev.portal.login.gateway;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The filters of an audit search, checked for shape before they reach the audit role. Empty
 * parameters count as absent, as HTML forms send them.
 */
record AuditQuery(String accountId, String type, int limit, String cursor) {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern EVENT_TYPE = Pattern.compile("[a-z._]{1,64}");
  private static final Pattern CURSOR = Pattern.compile("(?=.{1,200}$)[A-Za-z0-9_-]+={0,2}");

  /**
   * Reads the query string.
   *
   * @throws ProblemException validation-failed naming every bad parameter
   */
  static AuditQuery fromParams(MultiMap params) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String accountId = param(params, "accountId");
    String type = param(params, "type");
    String cursor = param(params, "cursor");
    String limitText = param(params, "limit");
    if (accountId != null && !UUID_TEXT.matcher(accountId).matches()) {
      errors.add(new Problem.FieldError("accountId", "must be a UUID"));
    }
    if (type != null && !EVENT_TYPE.matcher(type).matches()) {
      errors.add(new Problem.FieldError("type", "must be at most 64 characters of a-z, '.' and '_'"));
    }
    if (cursor != null && !CURSOR.matcher(cursor).matches()) {
      errors.add(new Problem.FieldError("cursor", "must be at most 200 characters of base64url"));
    }
    int limit = limitText == null ? DEFAULT_LIMIT : parseLimit(limitText);
    if (limit < 1) {
      errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    return new AuditQuery(accountId == null ? null : accountId.toLowerCase(), type, limit, cursor);
  }

  /** The request body of {@code audit.query}: absent filters are left out. */
  JsonObject toJson() {
    JsonObject json = new JsonObject().put("limit", limit);
    if (accountId != null) {
      json.put("accountId", accountId);
    }
    if (type != null) {
      json.put("type", type);
    }
    if (cursor != null) {
      json.put("cursor", cursor);
    }
    return json;
  }

  private static String param(MultiMap params, String name) {
    String value = params.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** The limit, or 0 when it is not a number within range. */
  private static int parseLimit(String text) {
    if (text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
      return 0;
    }
    int value = Integer.parseInt(text);
    return value <= MAX_LIMIT ? value : 0;
  }
}

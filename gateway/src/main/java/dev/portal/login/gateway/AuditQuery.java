package dev.portal.login.gateway;

import dev.portal.login.contracts.ClientNetwork;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The filters of an audit search (or export, or live stream), checked for shape before they reach
 * the audit role. Empty parameters count as absent, as HTML forms send them. An {@code identifier}
 * is not searchable as such: the login role first resolves it to the subject keys events carry.
 */
record AuditQuery(String accountId, String identifier, String ip, String type, String outcome, Instant from,
    Instant to, int limit, String cursor) {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;
  static final int IDENTIFIER_MAX = 254;

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern EVENT_TYPE = Pattern.compile("[a-z._]{1,64}");
  private static final Pattern OUTCOME = Pattern.compile("[a-z_]{1,32}");
  private static final Pattern CURSOR = Pattern.compile("(?=.{1,200}$)[A-Za-z0-9_-]+={0,2}");

  /** A query with only the first version's filters. */
  AuditQuery(String accountId, String type, int limit, String cursor) {
    this(accountId, null, null, type, null, null, null, limit, cursor);
  }

  /**
   * Reads the query string.
   *
   * @throws ProblemException validation-failed naming every bad parameter
   */
  static AuditQuery fromParams(MultiMap params) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String accountId = matching(params, "accountId", UUID_TEXT, "must be a UUID", errors);
    String identifier = param(params, "identifier");
    if (identifier != null && (identifier.length() > IDENTIFIER_MAX
        || identifier.chars().anyMatch(Character::isISOControl) || identifier.isBlank())) {
      errors.add(new Problem.FieldError("identifier", "must be 1 to " + IDENTIFIER_MAX
          + " characters without control characters"));
      identifier = null;
    }
    String ip = network(param(params, "ip"), errors);
    String type = matching(params, "type", EVENT_TYPE, "must be at most 64 characters of a-z, '.' and '_'", errors);
    String outcome = matching(params, "outcome", OUTCOME, "must be at most 32 characters of a-z and '_'", errors);
    Instant from = instant(params, "from", errors);
    Instant to = instant(params, "to", errors);
    String cursor = matching(params, "cursor", CURSOR, "must be at most 200 characters of base64url", errors);
    String limitText = param(params, "limit");
    int limit = limitText == null ? DEFAULT_LIMIT : parseLimit(limitText);
    if (limit < 1) {
      errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    return new AuditQuery(accountId == null ? null : accountId.toLowerCase(), identifier, ip, type, outcome, from,
        to, limit, cursor);
  }

  /** The request body of {@code audit.query} for the first page: absent filters are left out. */
  JsonObject toJson() {
    return filtersJson(null).put("limit", limit).put("cursor", cursor);
  }

  /**
   * The filters alone, as {@code audit.query} reads them; {@code subjectKeys} stands in for the
   * identifier once the login role resolved it (null when no identifier was asked for).
   */
  JsonObject filtersJson(JsonArray subjectKeys) {
    JsonObject json = new JsonObject();
    putIfPresent(json, "accountId", accountId);
    putIfPresent(json, "subjectKeys", subjectKeys);
    putIfPresent(json, "ip", ip);
    putIfPresent(json, "type", type);
    putIfPresent(json, "outcome", outcome);
    putIfPresent(json, "from", from == null ? null : from.toString());
    putIfPresent(json, "to", to == null ? null : to.toString());
    return json;
  }

  private static void putIfPresent(JsonObject json, String name, Object value) {
    if (value != null) {
      json.put(name, value);
    }
  }

  private static String matching(MultiMap params, String name, Pattern pattern, String message,
      List<Problem.FieldError> errors) {
    String value = param(params, name);
    if (value != null && !pattern.matcher(value).matches()) {
      errors.add(new Problem.FieldError(name, message));
      return null;
    }
    return value;
  }

  /** An IP address or a CIDR network such as 203.0.113.0/24, as given; null when absent. */
  private static String network(String value, List<Problem.FieldError> errors) {
    if (value == null) {
      return null;
    }
    int slash = value.indexOf('/');
    java.net.InetAddress address = ClientNetwork.parseLiteral(slash < 0 ? value : value.substring(0, slash));
    String prefix = slash < 0 ? null : value.substring(slash + 1);
    int maxPrefix = address == null ? 0 : address.getAddress().length * 8;
    boolean valid = address != null && (prefix == null || (!prefix.isEmpty() && prefix.length() <= 3
        && prefix.chars().allMatch(Character::isDigit) && Integer.parseInt(prefix) <= maxPrefix));
    if (!valid) {
      errors.add(new Problem.FieldError("ip", "must be an IP address or a CIDR network such as 203.0.113.0/24"));
      return null;
    }
    return value;
  }

  private static Instant instant(MultiMap params, String name, List<Problem.FieldError> errors) {
    String value = param(params, name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeException e) {
      errors.add(new Problem.FieldError(name, "must be an ISO-8601 instant such as 2026-03-01T08:00:00Z"));
      return null;
    }
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

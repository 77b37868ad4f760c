package dev.portal.login.audit;

import dev.portal.login.contracts.ClientNetwork;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One audit search as asked on {@code Addresses.AUDIT_QUERY}, checked field by field. Newest first
 * from {@code before} (the cursor); or, with {@code after}, oldest first from just after that event.
 * The live stream's catch-up ({@link AuditCatchUp}) reads the same filters.
 *
 * @param accountId only events of this account, or null for all
 * @param subjectKeys only events recorded under one of these subject keys (an identifier resolved by
 *     the login role), or empty for all
 * @param ip only events from this address or network (CIDR), in canonical text, or null
 * @param type only events of this type, or null for all
 * @param outcome only events with this outcome, or null for all
 * @param from only events that occurred at or after this time, or null
 * @param to only events that occurred before this time, or null
 * @param limit how many items the page holds at most
 * @param before only events older than this id (decoded from the cursor), or null from the newest
 * @param after only events newer than this id, oldest first, or null
 */
record AuditQuery(UUID accountId, List<String> subjectKeys, String ip, String type, String outcome, Instant from,
    Instant to, int limit, UUID before, UUID after) {
  static final int MAX_LIMIT = 1000;
  static final int MAX_SUBJECT_KEYS = 8;
  private static final Pattern TYPE = Pattern.compile("[a-z._]{1,64}");
  private static final Pattern OUTCOME = Pattern.compile("[a-z_]{1,32}");
  private static final Pattern SUBJECT_KEY = Pattern.compile("[A-Za-z0-9:_-]{1,128}");

  AuditQuery {
    subjectKeys = subjectKeys == null ? List.of() : List.copyOf(subjectKeys);
  }

  /** A newest-first query with only an account, a type and a cursor, as the first version asked. */
  AuditQuery(UUID accountId, String type, int limit, UUID before) {
    this(accountId, List.of(), null, type, null, null, null, limit, before, null);
  }

  boolean ascending() {
    return after != null;
  }

  /** @throws ProblemException a validation problem naming every bad field */
  static AuditQuery fromJson(JsonObject body) {
    JsonObject request = body == null ? new JsonObject() : body;
    List<Problem.FieldError> errors = new ArrayList<>();
    UUID accountId = readUuid(request.getValue("accountId"), "accountId", errors);
    List<String> subjectKeys = readSubjectKeys(request.getValue("subjectKeys"), errors);
    String ip = readNetwork(request.getValue("ip"), errors);
    String type = readMatching(request.getValue("type"), TYPE, "type",
        "must be 1 to 64 characters of a-z, '.' and '_'", errors);
    String outcome = readMatching(request.getValue("outcome"), OUTCOME, "outcome",
        "must be 1 to 32 characters of a-z and '_'", errors);
    Instant from = readInstant(request.getValue("from"), "from", errors);
    Instant to = readInstant(request.getValue("to"), "to", errors);
    int limit = readLimit(request.getValue("limit"), errors);
    UUID before = readCursor(request.getValue("cursor"), errors);
    UUID after = readUuid(request.getValue("after"), "after", errors);
    if (before != null && after != null) {
      errors.add(new Problem.FieldError("after", "cannot be combined with a cursor"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    return new AuditQuery(accountId, subjectKeys, ip, type, outcome, from, to, limit, before, after);
  }

  private static UUID readUuid(Object value, String field, List<Problem.FieldError> errors) {
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
    errors.add(new Problem.FieldError(field, "must be a UUID"));
    return null;
  }

  private static List<String> readSubjectKeys(Object value, List<Problem.FieldError> errors) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof JsonArray array && !array.isEmpty() && array.size() <= MAX_SUBJECT_KEYS
        && array.stream().allMatch(key -> key instanceof String text && SUBJECT_KEY.matcher(text).matches())) {
      return array.stream().map(String.class::cast).toList();
    }
    errors.add(new Problem.FieldError("subjectKeys", "must be 1 to " + MAX_SUBJECT_KEYS + " subject keys"));
    return List.of();
  }

  /** An IP address or a CIDR network, in the canonical text PostgreSQL's inet reads; null when absent. */
  static String readNetwork(Object value, List<Problem.FieldError> errors) {
    if (value == null) {
      return null;
    }
    String network = value instanceof String text ? canonicalNetwork(text) : null;
    if (network == null) {
      errors.add(new Problem.FieldError("ip", "must be an IP address or a CIDR network such as 203.0.113.0/24"));
    }
    return network;
  }

  /** "203.0.113.7", "203.0.113.0/24" or "2001:db8::/32" in canonical form; null when it is none of these. */
  static String canonicalNetwork(String text) {
    int slash = text.indexOf('/');
    InetAddress address = ClientNetwork.parseLiteral(slash < 0 ? text : text.substring(0, slash));
    if (address == null) {
      return null;
    }
    if (slash < 0) {
      return address.getHostAddress();
    }
    String prefix = text.substring(slash + 1);
    int maxPrefix = address instanceof Inet4Address ? 32 : 128;
    if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)
        || Integer.parseInt(prefix) > maxPrefix) {
      return null;
    }
    return address.getHostAddress() + "/" + Integer.parseInt(prefix);
  }

  private static String readMatching(Object value, Pattern pattern, String field, String message,
      List<Problem.FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text && pattern.matcher(text).matches()) {
      return text;
    }
    errors.add(new Problem.FieldError(field, message));
    return null;
  }

  private static Instant readInstant(Object value, String field, List<Problem.FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeException ignored) {
        // reported below
      }
    }
    errors.add(new Problem.FieldError(field, "must be an ISO-8601 instant such as 2026-03-01T08:00:00Z"));
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

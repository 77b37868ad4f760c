package dev.portal.login.audit;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One page of a live-stream catch-up as asked on {@code Addresses.AUDIT_STREAM_CATCHUP}: the rows of
 * one Kafka partition in an offset range that match a search's filters, oldest offset first. A
 * reconnecting client's position is a Kafka offset per partition, so this is how it gets what it missed.
 *
 * @param filters the search filters and the page's limit (no cursor, no {@code after})
 * @param topic the Kafka topic the rows were read from
 * @param partition the partition of that topic
 * @param from the lowest offset to return ({@code fromOffset}: {@code from} is the search's time filter)
 * @param until the offset to stop before ({@code untilOffset})
 */
record AuditCatchUp(AuditQuery filters, String topic, int partition, long from, long until) {
  /** Kafka's own rule for topic names. */
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  /** @throws ProblemException a validation problem naming every bad field, the filters' included */
  static AuditCatchUp fromJson(JsonObject body) {
    JsonObject request = body == null ? new JsonObject() : body;
    List<Problem.FieldError> errors = new ArrayList<>();
    AuditQuery filters = null;
    try {
      filters = AuditQuery.fromJson(request);
    } catch (ProblemException invalid) {
      errors.addAll(invalid.problem().errors());
    }
    for (String pagingField : List.of("cursor", "after")) {
      if (request.getValue(pagingField) != null) {
        errors.add(new Problem.FieldError(pagingField, "a catch-up pages by offset, not by " + pagingField));
      }
    }
    Object topic = request.getValue("topic");
    if (!(topic instanceof String name && TOPIC.matcher(name).matches())) {
      errors.add(new Problem.FieldError("topic", "must be a Kafka topic name"));
    }
    long partition = wholeNumber(request.getValue("partition"), Integer.MAX_VALUE, "partition", errors);
    long from = wholeNumber(request.getValue("fromOffset"), Long.MAX_VALUE, "fromOffset", errors);
    long until = wholeNumber(request.getValue("untilOffset"), Long.MAX_VALUE, "untilOffset", errors);
    if (from >= 0 && until >= 0 && until < from) {
      errors.add(new Problem.FieldError("untilOffset", "must not be below fromOffset"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    return new AuditCatchUp(filters, (String) topic, (int) partition, from, until);
  }

  /** The page's size: the limit the filters carry. */
  int limit() {
    return filters.limit();
  }

  /** A number from 0 to {@code max}, or -1 with an error recorded. */
  private static long wholeNumber(Object value, long max, String field, List<Problem.FieldError> errors) {
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0
        && ((Number) value).longValue() <= max) {
      return ((Number) value).longValue();
    }
    errors.add(new Problem.FieldError(field, "must be a whole number from 0 to " + max));
    return -1;
  }
}

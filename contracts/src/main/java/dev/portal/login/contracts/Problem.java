package dev.portal.login.contracts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An RFC 9457 problem: what went wrong, in a form both people and programs read. Travels over
 * the event bus as the failure message of a reply and leaves the gateway as
 * {@code application/problem+json}.
 *
 * @param errors field-level messages for {@link ProblemType#VALIDATION_FAILED}; empty otherwise
 * @param retryAfterSeconds when set, the gateway sends a {@code Retry-After} header
 * @param extensions extra members merged into the JSON body (for example {@code lockedUntil})
 */
public record Problem(
    ProblemType type,
    String detail,
    List<FieldError> errors,
    Long retryAfterSeconds,
    JsonObject extensions) {

  /** One invalid field: its JSON name and what is wrong with it. */
  public record FieldError(String field, String message) {
    public JsonObject toJson() {
      return new JsonObject().put("field", field).put("message", message);
    }
  }

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
    extensions = extensions == null ? new JsonObject() : extensions;
  }

  public static Problem of(ProblemType type, String detail) {
    return new Problem(type, detail, List.of(), null, null);
  }

  public static Problem validation(List<FieldError> errors) {
    return new Problem(ProblemType.VALIDATION_FAILED, "One or more fields are invalid.", errors, null, null);
  }

  public Problem withRetryAfter(long seconds) {
    return new Problem(type, detail, errors, seconds, extensions);
  }

  public Problem withExtension(String name, Object value) {
    return new Problem(type, detail, errors, retryAfterSeconds, extensions.copy().put(name, value));
  }

  public int status() {
    return type.status();
  }

  /** The body of an {@code application/problem+json} response. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", type.uri())
        .put("title", type.title())
        .put("status", type.status())
        .put("detail", detail);
    if (!errors.isEmpty()) {
      json.put("errors", new JsonArray(errors.stream().map(FieldError::toJson).toList()));
    }
    if (retryAfterSeconds != null) {
      json.put("retryAfter", retryAfterSeconds);
    }
    extensions.forEach(entry -> json.put(entry.getKey(), entry.getValue()));
    return json;
  }

  public static Problem fromJson(JsonObject json) {
    JsonArray errorArray = json.getJsonArray("errors", new JsonArray());
    List<FieldError> errors = errorArray.stream()
        .map(JsonObject.class::cast)
        .map(e -> new FieldError(e.getString("field"), e.getString("message")))
        .toList();
    JsonObject extensions = json.copy();
    for (String member : List.of("type", "title", "status", "detail", "errors", "retryAfter", "instance")) {
      extensions.remove(member);
    }
    return new Problem(
        ProblemType.fromUri(json.getString("type")),
        json.getString("detail"),
        errors,
        json.getLong("retryAfter"),
        extensions);
  }
}

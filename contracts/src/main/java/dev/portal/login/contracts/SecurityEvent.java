package dev.portal.login.contracts;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing that happened to an account or a login attempt, as written to Kafka and kept in the
 * audit trail. Never carries a password, code, token or key: {@code details} holds only
 * non-secret, type-specific facts (for example {@code lockedUntil}).
 *
 * @param accountId null when the identifier matched no account
 * @param subjectKey the Kafka key: the account id, or a hash of the normalised identifier when unknown
 */
public record SecurityEvent(
    UUID eventId,
    String type,
    int schemaVersion,
    Instant occurredAt,
    UUID accountId,
    String subjectKey,
    String identifierKind,
    String ip,
    String userAgent,
    String requestId,
    String outcome,
    String reason,
    JsonObject details) {

  public static final int SCHEMA_VERSION = 1;

  public SecurityEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(subjectKey, "subjectKey");
    details = details == null ? new JsonObject() : details;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("eventId", eventId.toString())
        .put("type", type)
        .put("schemaVersion", schemaVersion)
        .put("occurredAt", occurredAt.toString())
        .put("accountId", accountId == null ? null : accountId.toString())
        .put("subjectKey", subjectKey)
        .put("identifierKind", identifierKind)
        .put("ip", ip)
        .put("userAgent", userAgent)
        .put("requestId", requestId)
        .put("outcome", outcome)
        .put("reason", reason)
        .put("details", details);
  }

  /**
   * Reads an event from its JSON form.
   *
   * @throws IllegalArgumentException when a required field is missing or malformed
   */
  public static SecurityEvent fromJson(JsonObject json) {
    try {
      String accountId = json.getString("accountId");
      return new SecurityEvent(
          UUID.fromString(json.getString("eventId")),
          json.getString("type"),
          json.getInteger("schemaVersion", SCHEMA_VERSION),
          Instant.parse(json.getString("occurredAt")),
          accountId == null ? null : UUID.fromString(accountId),
          json.getString("subjectKey"),
          json.getString("identifierKind"),
          json.getString("ip"),
          json.getString("userAgent"),
          json.getString("requestId"),
          json.getString("outcome"),
          json.getString("reason"),
          json.getJsonObject("details"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a security event: " + e.getMessage(), e);
    }
  }

  public String topic() {
    return EventTypes.topicOf(type);
  }
}

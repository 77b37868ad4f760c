package dev.portal.login.audit;

import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Decides whether the value of a Kafka record is a security event the audit table can hold, and
 * if it is not, names why in a short, stable reason that carries none of the record's contents.
 */
final class AuditRecordReader {
  static final String EMPTY_VALUE = "empty-value";
  static final String NOT_UTF8 = "not-utf8";
  static final String NOT_JSON = "not-json";
  static final String NOT_JSON_OBJECT = "not-json-object";
  static final String INVALID_EVENT = "invalid-event";
  /** PostgreSQL text and jsonb cannot hold U+0000; such a row would fail every retry. */
  static final String CONTAINS_NUL = "contains-nul";

  private static final List<String> OPTIONAL_TEXT_FIELDS =
      List.of("identifierKind", "ip", "userAgent", "requestId", "outcome", "reason");
  /** timestamptz reaches further, but no real event happens outside these years. */
  private static final int MIN_YEAR = 1;
  private static final int MAX_YEAR = 9999;

  /** What became of one record. */
  sealed interface Verdict permits Accepted, Rejected {
  }

  record Accepted(SecurityEvent event) implements Verdict {
  }

  record Rejected(String reason) implements Verdict {
  }

  private AuditRecordReader() {
  }

  static Verdict read(byte[] value) {
    if (value == null || value.length == 0) {
      return new Rejected(EMPTY_VALUE);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return new Rejected(NOT_UTF8);
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(text);
    } catch (DecodeException e) {
      return new Rejected(NOT_JSON);
    }
    if (!(decoded instanceof JsonObject json)) {
      return new Rejected(NOT_JSON_OBJECT);
    }
    return readEvent(json);
  }

  private static Verdict readEvent(JsonObject json) {
    String badField = firstInvalidField(json);
    if (badField != null) {
      return new Rejected(INVALID_EVENT + ": " + badField);
    }
    SecurityEvent event;
    try {
      event = SecurityEvent.fromJson(json);
    } catch (IllegalArgumentException e) {
      return new Rejected(INVALID_EVENT);
    }
    return holdsNul(event) ? new Rejected(CONTAINS_NUL) : new Accepted(event);
  }

  /** The first field that would make the event unreadable or unstorable, or null when all are fine. */
  private static String firstInvalidField(JsonObject json) {
    if (!isCanonicalUuid(json.getValue("eventId"))) {
      return "eventId";
    }
    if (!(json.getValue("type") instanceof String type) || type.isBlank()) {
      return "type";
    }
    if (!isStorableInstant(json.getValue("occurredAt"))) {
      return "occurredAt";
    }
    if (!(json.getValue("subjectKey") instanceof String)) {
      return "subjectKey";
    }
    Object accountId = json.getValue("accountId");
    if (accountId != null && !isCanonicalUuid(accountId)) {
      return "accountId";
    }
    Object schemaVersion = json.getValue("schemaVersion");
    if (schemaVersion != null && !(schemaVersion instanceof Integer)) {
      return "schemaVersion";
    }
    Object details = json.getValue("details");
    if (details != null && !(details instanceof JsonObject)) {
      return "details";
    }
    return OPTIONAL_TEXT_FIELDS.stream()
        .filter(field -> json.getValue(field) != null && !(json.getValue(field) instanceof String))
        .findFirst()
        .orElse(null);
  }

  private static boolean isCanonicalUuid(Object value) {
    if (!(value instanceof String text)) {
      return false;
    }
    try {
      return UUID.fromString(text).toString().equalsIgnoreCase(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isStorableInstant(Object value) {
    if (!(value instanceof String text)) {
      return false;
    }
    try {
      int year = Instant.parse(text).atOffset(ZoneOffset.UTC).getYear();
      return year >= MIN_YEAR && year <= MAX_YEAR;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static boolean holdsNul(SecurityEvent event) {
    return event.details().encode().contains("\\u0000")
        || java.util.stream.Stream.of(event.type(), event.subjectKey(), event.identifierKind(), event.ip(),
                event.userAgent(), event.requestId(), event.outcome(), event.reason())
            .anyMatch(text -> text != null && text.indexOf('\0') >= 0);
  }
}

package dev.portal.login.audit;

import dev.portal.login.consumer.RecordReader;
import dev.portal.login.consumer.RecordVerdict;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Decides whether the value of a Kafka record is a security event the audit table can hold, and
 * if it is not, names why in a short, stable reason that carries none of the record's contents.
 * The shared reader rejects what is not a JSON object; the screening here is the audit table's own.
 */
final class AuditRecordReader {
  static final String INVALID_EVENT = RecordReader.INVALID_EVENT;
  /** PostgreSQL text and jsonb cannot hold U+0000; such a row would fail every retry. */
  static final String CONTAINS_NUL = "contains-nul";

  private static final List<String> OPTIONAL_TEXT_FIELDS =
      List.of("identifierKind", "ip", "userAgent", "requestId", "outcome", "reason");
  /** timestamptz reaches further, but no real event happens outside these years. */
  private static final int MIN_YEAR = 1;
  private static final int MAX_YEAR = 9999;

  /** The audit consumer's record reader: a JSON object first, then the screening below. */
  static final RecordReader<SecurityEvent> READER = RecordReader.jsonObject().then(AuditRecordReader::readEvent);

  private AuditRecordReader() {
  }

  static RecordVerdict<SecurityEvent> read(byte[] value) {
    return READER.read(value);
  }

  private static RecordVerdict<SecurityEvent> readEvent(JsonObject json) {
    String badField = firstInvalidField(json);
    if (badField != null) {
      return RecordVerdict.rejected(INVALID_EVENT + ": " + badField);
    }
    SecurityEvent event;
    try {
      event = SecurityEvent.fromJson(json);
    } catch (IllegalArgumentException e) {
      return RecordVerdict.rejected(INVALID_EVENT);
    }
    return holdsNul(event) ? RecordVerdict.rejected(CONTAINS_NUL) : RecordVerdict.accepted(event);
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

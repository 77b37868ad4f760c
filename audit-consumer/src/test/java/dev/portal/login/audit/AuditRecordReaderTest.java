package dev.portal.login.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.portal.login.consumer.RecordVerdict;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditRecordReaderTest {
  static final String EVENT_ID = "0190f1a2-3b4c-7d5e-8f60-718293a4b5c6";
  static final String ACCOUNT_ID = "0190f1a2-0000-7000-8000-000000000001";

  static JsonObject validEvent() {
    return new JsonObject()
        .put("eventId", EVENT_ID)
        .put("type", "login.failed")
        .put("schemaVersion", 1)
        .put("occurredAt", "2026-03-01T08:15:30.123Z")
        .put("accountId", ACCOUNT_ID)
        .put("subjectKey", ACCOUNT_ID)
        .put("identifierKind", "nik")
        .put("ip", "203.0.113.7")
        .put("userAgent", "Mozilla/5.0")
        .put("requestId", "req-1")
        .put("outcome", "failure")
        .put("reason", "bad_credentials")
        .put("details", new JsonObject().put("attempt", 3));
  }

  private static RecordVerdict<SecurityEvent> read(JsonObject json) {
    return AuditRecordReader.read(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static String reasonFor(byte[] value) {
    return assertInstanceOf(RecordVerdict.Rejected.class, AuditRecordReader.read(value)).reason();
  }

  private static String reasonFor(JsonObject json) {
    return reasonFor(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static SecurityEvent accepted(JsonObject json) {
    return (SecurityEvent) assertInstanceOf(RecordVerdict.Accepted.class, read(json)).value();
  }

  @Test
  @DisplayName("a well-formed security event is accepted with every field read")
  void acceptsAWellFormedEvent() {
    SecurityEvent event = accepted(validEvent());
    assertEquals(UUID.fromString(EVENT_ID), event.eventId());
    assertEquals("login.failed", event.type());
    assertEquals(UUID.fromString(ACCOUNT_ID), event.accountId());
    assertEquals("bad_credentials", event.reason());
    assertEquals(3, event.details().getInteger("attempt"));
  }

  @Test
  @DisplayName("an event for an unknown identifier (no account id, no details) is accepted")
  void acceptsAnEventWithoutAccount() {
    JsonObject json = validEvent().putNull("accountId");
    json.remove("details");
    SecurityEvent event = accepted(json);
    assertEquals(null, event.accountId());
    assertEquals(new JsonObject(), event.details());
  }

  @Test
  @DisplayName("fields the reader does not know are ignored, so newer producers do not break the trail")
  void ignoresUnknownFields() {
    accepted(validEvent().put("futureField", "x"));
  }

  @Test
  @DisplayName("an empty or missing value is dead-lettered as empty-value")
  void rejectsEmptyValues() {
    assertEquals("empty-value", reasonFor((byte[]) null));
    assertEquals("empty-value", reasonFor(new byte[0]));
  }

  @Test
  @DisplayName("bytes that are not UTF-8 are dead-lettered as not-utf8")
  void rejectsInvalidUtf8() {
    assertEquals("not-utf8", reasonFor(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}));
  }

  @Test
  @DisplayName("text that is not JSON is dead-lettered as not-json")
  void rejectsNonJson() {
    assertEquals("not-json", reasonFor("login failed for bob".getBytes(StandardCharsets.UTF_8)));
    assertEquals("not-json", reasonFor("{\"eventId\":".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("JSON that is not an object is dead-lettered as not-json-object")
  void rejectsNonObjects() {
    assertEquals("not-json-object", reasonFor(new JsonArray().add(validEvent()).encode().getBytes(StandardCharsets.UTF_8)));
    assertEquals("not-json-object", reasonFor("42".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("a missing or malformed required field is dead-lettered naming that field")
  void rejectsBadRequiredFields() {
    JsonObject noId = validEvent();
    noId.remove("eventId");
    assertEquals("invalid-event: eventId", reasonFor(noId));
    assertEquals("invalid-event: eventId", reasonFor(validEvent().put("eventId", "not-a-uuid")));
    assertEquals("invalid-event: eventId", reasonFor(validEvent().put("eventId", "1-1-1-1-1")));
    assertEquals("invalid-event: type", reasonFor(validEvent().put("type", " ")));
    assertEquals("invalid-event: occurredAt", reasonFor(validEvent().put("occurredAt", "yesterday")));
    assertEquals("invalid-event: occurredAt", reasonFor(validEvent().put("occurredAt", "+12026-03-01T08:15:30Z")));
    assertEquals("invalid-event: subjectKey", reasonFor(validEvent().putNull("subjectKey")));
  }

  @Test
  @DisplayName("an optional field of the wrong kind is dead-lettered naming that field")
  void rejectsBadOptionalFields() {
    assertEquals("invalid-event: accountId", reasonFor(validEvent().put("accountId", "bob")));
    assertEquals("invalid-event: schemaVersion", reasonFor(validEvent().put("schemaVersion", "one")));
    assertEquals("invalid-event: details", reasonFor(validEvent().put("details", new JsonArray().add(1))));
    assertEquals("invalid-event: ip", reasonFor(validEvent().put("ip", 203)));
  }

  @Test
  @DisplayName("a NUL character, which PostgreSQL text and jsonb cannot hold, is dead-lettered instead of blocking every retry")
  void rejectsNulCharacters() {
    assertEquals("contains-nul", reasonFor(validEvent().put("userAgent", "curl\u0000")));
    assertEquals("contains-nul", reasonFor(validEvent().put("details", new JsonObject().put("note", "a\u0000b"))));
  }
}

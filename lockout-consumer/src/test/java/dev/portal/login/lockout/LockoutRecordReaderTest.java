package dev.portal.login.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LockoutRecordReaderTest {
  static final String EVENT_ID = "0190f1a2-3b4c-7d5e-8f60-718293a4b5c6";

  static JsonObject validEvent() {
    return new JsonObject()
        .put("eventId", EVENT_ID)
        .put("type", "login.failed")
        .put("schemaVersion", 1)
        .put("occurredAt", "2026-03-01T08:15:30.123Z")
        .putNull("accountId")
        .put("subjectKey", "hash-of-identifier")
        .put("outcome", "failure")
        .put("reason", "bad_credentials");
  }

  private static String reasonFor(byte[] value) {
    return assertInstanceOf(LockoutRecordReader.Rejected.class, LockoutRecordReader.read(value)).reason();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a well-formed security event is accepted")
  void acceptsAnEvent() {
    LockoutRecordReader.Accepted accepted = assertInstanceOf(LockoutRecordReader.Accepted.class,
        LockoutRecordReader.read(utf8(validEvent().encode())));
    assertEquals(UUID.fromString(EVENT_ID), accepted.event().eventId());
    assertEquals("hash-of-identifier", accepted.event().subjectKey());
  }

  @Test
  @DisplayName("empty, non-UTF-8, non-JSON and non-object records are dead-lettered, each with its own reason")
  void classifiesUnreadableRecords() {
    assertEquals("empty-value", reasonFor(null));
    assertEquals("empty-value", reasonFor(new byte[0]));
    assertEquals("not-utf8", reasonFor(new byte[] {(byte) 0xFF, (byte) 0xFE}));
    assertEquals("not-json", reasonFor(utf8("{oops")));
    assertEquals("not-json-object", reasonFor(utf8("[\"login.failed\"]")));
  }

  @Test
  @DisplayName("JSON that is not a security event is dead-lettered as invalid-event")
  void rejectsObjectsThatAreNotEvents() {
    assertEquals("invalid-event", reasonFor(utf8(validEvent().put("eventId", "nope").encode())));
    JsonObject noSubject = validEvent();
    noSubject.remove("subjectKey");
    assertEquals("invalid-event", reasonFor(utf8(noSubject.encode())));
    assertEquals("invalid-event", reasonFor(utf8(new JsonObject().put("hello", "world").encode())));
  }
}

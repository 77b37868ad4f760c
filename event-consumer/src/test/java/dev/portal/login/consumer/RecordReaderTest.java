package dev.portal.login.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordReaderTest {
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

  static JsonObject message() {
    return new JsonObject().put("messageId", "0190f1a2-3b4c-7d5e-8f60-718293a4b5c6").put("kind", "otp")
        .put("sealed", "b64-ciphertext");
  }

  private static <T> String reasonFor(RecordReader<T> reader, byte[] value) {
    return assertInstanceOf(RecordVerdict.Rejected.class, reader.read(value)).reason();
  }

  private static Object acceptedBy(RecordReader<?> reader, byte[] value) {
    return assertInstanceOf(RecordVerdict.Accepted.class, reader.read(value)).value();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a JSON object is accepted as a message, unchanged")
  void acceptsAnObject() {
    assertEquals(message(), acceptedBy(RecordReader.jsonObject(), utf8(message().encode())));
  }

  @Test
  @DisplayName("empty, non-UTF-8, non-JSON and non-object records are dead-lettered, each with its own reason")
  void classifiesUnreadableRecords() {
    for (RecordReader<?> reader : new RecordReader<?>[] {RecordReader.jsonObject(), RecordReader.securityEvent()}) {
      assertEquals("empty-value", reasonFor(reader, null));
      assertEquals("empty-value", reasonFor(reader, new byte[0]));
      assertEquals("not-utf8", reasonFor(reader, new byte[] {(byte) 0xFF, (byte) 0xFE}));
      assertEquals("not-utf8", reasonFor(reader, new byte[] {'"', (byte) 0xC0, '"'}));
      assertEquals("not-json", reasonFor(reader, utf8("{oops")));
      assertEquals("not-json", reasonFor(reader, utf8("otp 123456 for bob")));
      assertEquals("not-json-object", reasonFor(reader, utf8("[\"login.failed\"]")));
      assertEquals("not-json-object", reasonFor(reader, utf8("\"just a string\"")));
    }
  }

  @Test
  @DisplayName("a well-formed security event is accepted")
  void acceptsAnEvent() {
    SecurityEvent event = (SecurityEvent) acceptedBy(RecordReader.securityEvent(), utf8(validEvent().encode()));
    assertEquals(UUID.fromString(EVENT_ID), event.eventId());
    assertEquals("hash-of-identifier", event.subjectKey());
  }

  @Test
  @DisplayName("JSON that is not a security event is dead-lettered as invalid-event")
  void rejectsObjectsThatAreNotEvents() {
    RecordReader<SecurityEvent> reader = RecordReader.securityEvent();
    assertEquals("invalid-event", reasonFor(reader, utf8(validEvent().put("eventId", "nope").encode())));
    JsonObject noSubject = validEvent();
    noSubject.remove("subjectKey");
    assertEquals("invalid-event", reasonFor(reader, utf8(noSubject.encode())));
    assertEquals("invalid-event", reasonFor(reader, utf8(new JsonObject().put("hello", "world").encode())));
  }
}

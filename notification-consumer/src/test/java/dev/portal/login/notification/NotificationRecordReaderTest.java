package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationRecordReaderTest {

  static JsonObject message() {
    return new JsonObject().put("messageId", "0190f1a2-3b4c-7d5e-8f60-718293a4b5c6").put("kind", "otp")
        .put("sealed", "b64-ciphertext");
  }

  private static String reasonFor(byte[] value) {
    return assertInstanceOf(NotificationRecordReader.Rejected.class, NotificationRecordReader.read(value)).reason();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a JSON object is accepted as a message, unchanged")
  void acceptsAnObject() {
    NotificationRecordReader.Accepted accepted = assertInstanceOf(NotificationRecordReader.Accepted.class,
        NotificationRecordReader.read(utf8(message().encode())));
    assertEquals(message(), accepted.message());
  }

  @Test
  @DisplayName("empty, non-UTF-8, non-JSON and non-object records are dead-lettered, each with its own reason")
  void classifiesUnreadableRecords() {
    assertEquals("empty-value", reasonFor(null));
    assertEquals("empty-value", reasonFor(new byte[0]));
    assertEquals("not-utf8", reasonFor(new byte[] {'"', (byte) 0xC0, '"'}));
    assertEquals("not-json", reasonFor(utf8("otp 123456 for bob")));
    assertEquals("not-json-object", reasonFor(utf8("\"just a string\"")));
  }
}

package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.consumer.RecordReader;
import dev.portal.login.consumer.RecordVerdict;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Notification.Templates;
import dev.portal.login.contracts.NotificationSeal;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationReaderTest {
  private static final NotificationReader READER = new NotificationReader(Messages.SEAL, TemplateCatalogue.load());
  private static final UUID ACCOUNT = UUID.randomUUID();
  private static final JsonObject SECRET = new JsonObject().put("code", "654321").put("to", "budi@example.id");

  private static byte[] bytes(JsonObject json) {
    return json.encode().getBytes(StandardCharsets.UTF_8);
  }

  private static String rejection(RecordVerdict<OpenedNotification> verdict) {
    return assertInstanceOf(RecordVerdict.Rejected.class, verdict).reason();
  }

  @Test
  @DisplayName("a message sealed with the shared key is read with its code and destination opened")
  void opensTheSeal() {
    Notification message = Messages.message(Templates.LOGIN_CODE, Notification.EMAIL, ACCOUNT, "id", SECRET,
        Messages.codeData());
    byte[] value = bytes(message.toJson());
    RecordVerdict<OpenedNotification> verdict = READER.read(value);
    assertInstanceOf(RecordVerdict.Accepted.class, verdict);
    OpenedNotification opened = ((RecordVerdict.Accepted<OpenedNotification>) verdict).value();
    assertEquals(message, opened.message());
    assertEquals("654321", opened.secret().getString("code"));
    assertEquals("budi@example.id", opened.sealedTo());
    assertEquals(value, opened.recordValue());
    assertFalse(opened.toString().contains("654321"), opened.toString());
  }

  @Test
  @DisplayName("a message with nothing sealed is read with an empty secret")
  void nothingSealed() {
    Notification message = Messages.message(Templates.ACCOUNT_LOCKED, Notification.EMAIL, ACCOUNT, null, null,
        new JsonObject().put("permanent", false));
    RecordVerdict<OpenedNotification> verdict = READER.read(bytes(message.toJson()));
    OpenedNotification opened = ((RecordVerdict.Accepted<OpenedNotification>) verdict).value();
    assertTrue(opened.secret().isEmpty());
    assertEquals(null, opened.sealedTo());
  }

  @Test
  @DisplayName("a seal made with another key, for another message or altered is refused as a broken seal")
  void brokenSeals() {
    Notification message = Messages.message(Templates.LOGIN_CODE, Notification.SMS, ACCOUNT, "en", SECRET,
        Messages.codeData());
    NotificationSeal otherKey = NotificationSeal.fromBase64(Messages.randomKey());
    JsonObject foreignKey = message.toJson().put("sealed", otherKey.seal(message.messageId(), SECRET));
    JsonObject movedFromAnother = message.toJson().put("sealed", Messages.SEAL.seal(UUID.randomUUID(), SECRET));
    String sealed = message.sealed();
    JsonObject altered = message.toJson().put("sealed", sealed.substring(0, 20)
        + (sealed.charAt(20) == 'A' ? 'B' : 'A') + sealed.substring(21));
    JsonObject notBase64 = message.toJson().put("sealed", "***");
    for (JsonObject broken : new JsonObject[] {foreignKey, movedFromAnother, altered, notBase64}) {
      String reason = rejection(READER.read(bytes(broken)));
      assertTrue(reason.startsWith(NotificationReader.BROKEN_SEAL), reason);
      assertFalse(reason.contains(broken.getString("sealed")), "the reason never quotes the sealed text");
    }
  }

  @Test
  @DisplayName("records that are not notifications are refused with a fixed reason that quotes nothing")
  void unreadable() {
    assertEquals(RecordReader.NOT_JSON, rejection(READER.read("not json".getBytes(StandardCharsets.UTF_8))));
    assertEquals(RecordReader.EMPTY_VALUE, rejection(READER.read(new byte[0])));
    Notification message = Messages.message(Templates.LOGIN_CODE, Notification.EMAIL, ACCOUNT, "id", SECRET,
        Messages.codeData());
    String reason = rejection(READER.read(bytes(message.toJson().put("messageId", "secret-looking-id-42"))));
    assertEquals(NotificationReader.INVALID_NOTIFICATION, reason);
    assertEquals(NotificationReader.INVALID_NOTIFICATION,
        rejection(READER.read(bytes(message.toJson().put("createdAt", "yesterday")))));
  }

  @Test
  @DisplayName("an unknown template, channel or language is refused at once instead of retried")
  void unknownNames() {
    Notification message = Messages.message(Templates.LOGIN_CODE, Notification.EMAIL, ACCOUNT, "id", SECRET,
        Messages.codeData());
    assertEquals(NotificationReader.UNKNOWN_TEMPLATE,
        rejection(READER.read(bytes(message.toJson().put("template", "welcome")))));
    assertEquals(NotificationReader.UNKNOWN_CHANNEL,
        rejection(READER.read(bytes(message.toJson().put("channel", "pigeon")))));
    assertEquals(NotificationReader.UNKNOWN_LOCALE,
        rejection(READER.read(bytes(message.toJson().put("locale", "fr")))));
  }
}

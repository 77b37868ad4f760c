package dev.portal.login.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationSealTest {
  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private final NotificationSeal seal = new NotificationSeal(randomKey());

  @Test
  @DisplayName("a sealed secret opens with the same key and message id, and its text shows nothing of the code")
  void sealsAndOpens() {
    UUID messageId = UUID.randomUUID();
    JsonObject secret = new JsonObject().put("code", "493817").put("to", "budi@example.id");
    String sealed = seal.seal(messageId, secret);
    assertFalse(sealed.contains("493817"));
    assertFalse(sealed.contains("budi"));
    assertEquals(secret, seal.open(messageId, sealed));
  }

  @Test
  @DisplayName("a sealed part moved to another message, altered, or opened under another key is refused")
  void refusesWhatDoesNotBelong() {
    UUID messageId = UUID.randomUUID();
    String sealed = seal.seal(messageId, new JsonObject().put("code", "000111"));
    assertThrows(NotificationSeal.BrokenSealException.class, () -> seal.open(UUID.randomUUID(), sealed));
    assertThrows(NotificationSeal.BrokenSealException.class,
        () -> new NotificationSeal(randomKey()).open(messageId, sealed));
    char last = sealed.charAt(sealed.length() - 2);
    String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
    assertThrows(NotificationSeal.BrokenSealException.class, () -> seal.open(messageId, altered));
    assertThrows(NotificationSeal.BrokenSealException.class, () -> seal.open(messageId, "not base64 !"));
  }

  @Test
  @DisplayName("a key that is not 32 bytes of base64 is refused without quoting it")
  void refusesBadKeys() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NotificationSeal.fromBase64("c2hvcnQ="));
    assertFalse(e.getMessage().contains("c2hvcnQ="));
  }

  @Test
  @DisplayName("a notification survives its JSON form, and a malformed one is refused")
  void notificationRoundTrip() {
    Notification message = new Notification(UUID.randomUUID(), Notification.Templates.LOGIN_CODE, Notification.SMS,
        UUID.randomUUID(), "en", Instant.parse("2026-11-22T03:00:00Z"), new JsonObject().put("expiresInMinutes", 5),
        "sealed-text", "+62******1234");
    assertEquals(message, Notification.fromJson(message.toJson()));
    assertThrows(IllegalArgumentException.class, () -> Notification.fromJson(new JsonObject().put("template", "x")));
  }
}

package dev.portal.login.notification;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.NotificationSeal;
import dev.portal.login.contracts.Topics;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Builds notification messages for tests, sealed as the login path seals them. */
final class Messages {
  static final String KEY = randomKey();
  static final NotificationSeal SEAL = NotificationSeal.fromBase64(KEY);
  static final Instant CREATED = Instant.parse("2025-11-21T07:05:00Z");

  private Messages() {
  }

  static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** A message as it is on the topic, its secret (if any) sealed. */
  static Notification message(String template, String channel, UUID accountId, String locale, JsonObject secret,
      JsonObject data) {
    UUID messageId = UUID.randomUUID();
    String sealed = secret == null ? null : SEAL.seal(messageId, secret);
    return new Notification(messageId, template, channel, accountId, locale, CREATED, data, sealed, null);
  }

  /** The same message read and opened, as the reader hands it on. */
  static OpenedNotification opened(Notification message) {
    JsonObject secret = message.sealed() == null ? new JsonObject() : SEAL.open(message.messageId(), message.sealed());
    return new OpenedNotification(message, secret, message.toJson().encode().getBytes(StandardCharsets.UTF_8));
  }

  static SourcedEvent<OpenedNotification> sourced(Notification message, long offset) {
    return new SourcedEvent<>(opened(message), Topics.NOTIFICATIONS, 0, offset);
  }

  static JsonObject codeData() {
    return new JsonObject().put("expiresInMinutes", 5);
  }
}

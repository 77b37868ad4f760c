package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.consumer.ConsumerSettings;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationConfigTest {
  private static final Map<String, String> KEY_ONLY = Map.of("NOTIFICATION_KEY", Messages.KEY);

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>(KEY_ONLY);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  @DisplayName("with only the key set the documented defaults apply")
  void defaults() {
    NotificationConfig config = NotificationConfig.fromEnv(KEY_ONLY);
    assertEquals(new ConsumerSettings("notification-consumer", Duration.ofMillis(250), 50,
        Duration.ofMillis(200), Duration.ofMillis(30_000)), config.consumer());
    assertFalse(config.devOutbox());
    assertEquals(1000, config.devOutboxSize());
    assertEquals(Duration.ofDays(7), config.deliveredTtl());
    assertEquals(4, config.postgresPoolSize());
    assertEquals(Duration.ofMillis(800), config.healthTimeout());
    assertEquals(new SmtpSettings("localhost", 25, SmtpSettings.Tls.STARTTLS_OPTIONAL, null, null,
        "Portal <no-reply@localhost>", Duration.ofSeconds(5), 10), config.smtp());
    assertEquals(new SmsWebhookSettings(null, null, 4, Duration.ofMillis(500), Duration.ofSeconds(5), 20), config.sms());
    assertFalse(config.sms().configured());
  }

  @Test
  @DisplayName("the key from NOTIFICATION_KEY opens what the login path sealed with it")
  void keyOpensSealedParts() {
    UUID messageId = UUID.randomUUID();
    String sealed = Messages.SEAL.seal(messageId, new JsonObject().put("code", "123456"));
    assertEquals("123456", NotificationConfig.fromEnv(KEY_ONLY).seal().open(messageId, sealed).getString("code"));
  }

  @Test
  @DisplayName("start-up fails naming NOTIFICATION_KEY when it is missing or not 32 bytes, without echoing it")
  void keyRequired() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> NotificationConfig.fromEnv(Map.of()));
    assertTrue(missing.getMessage().contains("NOTIFICATION_KEY"), missing.getMessage());
    IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
        () -> NotificationConfig.fromEnv(Map.of("NOTIFICATION_KEY", "c2hvcnQta2V5")));
    assertTrue(shortKey.getMessage().contains("NOTIFICATION_KEY"), shortKey.getMessage());
    assertFalse(shortKey.getMessage().contains("c2hvcnQta2V5"), shortKey.getMessage());
  }

  @Test
  @DisplayName("every consumer variable overrides its default, and a bad value fails naming the variable")
  void consumerOverridesAndRefusals() {
    NotificationConfig config = NotificationConfig.fromEnv(env("NOTIFICATION_GROUP_ID", "notification-b",
        "NOTIFICATION_POLL_TIMEOUT_MS", "50", "NOTIFICATION_MAX_POLL_RECORDS", "10",
        "NOTIFICATION_RETRY_INITIAL_BACKOFF_MS", "5", "NOTIFICATION_RETRY_MAX_BACKOFF_MS", "80",
        "NOTIFICATION_DEV_OUTBOX_SIZE", "3", "DEV_OUTBOX", "TRUE", "NOTIFICATION_DELIVERED_TTL_SECONDS", "60",
        "NOTIFICATION_PG_POOL_SIZE", "2", "NOTIFICATION_HEALTH_TIMEOUT_MS", "300"));
    assertEquals(new ConsumerSettings("notification-b", Duration.ofMillis(50), 10, Duration.ofMillis(5),
        Duration.ofMillis(80)), config.consumer());
    assertEquals(3, config.devOutboxSize());
    assertTrue(config.devOutbox());
    assertEquals(Duration.ofMinutes(1), config.deliveredTtl());
    assertEquals(2, config.postgresPoolSize());
    assertEquals(Duration.ofMillis(300), config.healthTimeout());
    for (String[] bad : new String[][] {{"NOTIFICATION_MAX_POLL_RECORDS", "-1"}, {"DEV_OUTBOX", "yes"},
        {"NOTIFICATION_DELIVERED_TTL_SECONDS", "0"}}) {
      IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
          () -> NotificationConfig.fromEnv(env(bad[0], bad[1])));
      assertTrue(failure.getMessage().contains(bad[0]), failure.getMessage());
    }
  }

  @Test
  @DisplayName("the SMTP variables become the mail client's host, port, TLS mode and login")
  void smtpSettings() {
    SmtpSettings smtp = NotificationConfig.fromEnv(env("SMTP_HOST", "mail.example.id", "SMTP_PORT", "465",
        "SMTP_TLS", "tls", "SMTP_USERNAME", "portal", "SMTP_PASSWORD", "s3cret-pass", "SMTP_FROM",
        "Portal <no-reply@portal.example.id>")).smtp();
    MailConfig mail = smtp.toMailConfig();
    assertEquals("mail.example.id", mail.getHostname());
    assertEquals(465, mail.getPort());
    assertTrue(mail.isSsl());
    assertEquals(StartTLSOptions.DISABLED, mail.getStarttls());
    assertEquals(LoginOption.REQUIRED, mail.getLogin());
    assertEquals("portal", mail.getUsername());
    assertEquals("s3cret-pass", mail.getPassword());
    assertEquals("Portal <no-reply@portal.example.id>", smtp.from());
    assertFalse(smtp.toString().contains("s3cret-pass"), smtp.toString());

    assertEquals(StartTLSOptions.REQUIRED, SmtpSettings.fromEnv(Map.of("SMTP_TLS", "starttls")).toMailConfig()
        .getStarttls());
    MailConfig plain = SmtpSettings.fromEnv(Map.of("SMTP_TLS", "none")).toMailConfig();
    assertEquals(StartTLSOptions.DISABLED, plain.getStarttls());
    assertFalse(plain.isSsl());
    assertEquals(LoginOption.DISABLED, plain.getLogin());
    for (String[] bad : new String[][] {{"SMTP_TLS", "ssl3"}, {"SMTP_PORT", "70000"}, {"SMTP_PORT", "x"}}) {
      IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
          () -> SmtpSettings.fromEnv(Map.of(bad[0], bad[1])));
      assertTrue(failure.getMessage().contains(bad[0]), failure.getMessage());
    }
  }

  @Test
  @DisplayName("the SMS variables set the webhook, its auth header and retries, and neither shows the header")
  void smsSettings() {
    SmsWebhookSettings sms = SmsWebhookSettings.fromEnv(Map.of("SMS_WEBHOOK_URL", "https://sms.example.id/send?key=k1",
        "SMS_WEBHOOK_AUTH_HEADER", "Bearer xyz-token", "SMS_RETRY_ATTEMPTS", "3", "SMS_RETRY_INITIAL_BACKOFF_MS", "100",
        "SMS_WEBHOOK_TIMEOUT_MS", "900", "SMS_WEBHOOK_MAX_CONNECTIONS", "7"));
    assertEquals(new SmsWebhookSettings(URI.create("https://sms.example.id/send?key=k1"), "Bearer xyz-token", 3,
        Duration.ofMillis(100), Duration.ofMillis(900), 7), sms);
    assertTrue(sms.configured());
    assertEquals(Duration.ofMillis(100), sms.backoffBefore(2));
    assertEquals(Duration.ofMillis(400), sms.backoffBefore(4));
    assertFalse(sms.toString().contains("xyz-token"), sms.toString());
    assertFalse(sms.toString().contains("k1"), sms.toString());
    IllegalArgumentException relative = assertThrows(IllegalArgumentException.class,
        () -> SmsWebhookSettings.fromEnv(Map.of("SMS_WEBHOOK_URL", "/send")));
    assertTrue(relative.getMessage().contains("SMS_WEBHOOK_URL"), relative.getMessage());
    IllegalArgumentException attempts = assertThrows(IllegalArgumentException.class,
        () -> SmsWebhookSettings.fromEnv(Map.of("SMS_RETRY_ATTEMPTS", "0")));
    assertTrue(attempts.getMessage().contains("SMS_RETRY_ATTEMPTS"), attempts.getMessage());
    assertNull(SmsWebhookSettings.fromEnv(Map.of()).url());
    assertNotNull(NotificationConfig.fromEnv(KEY_ONLY).sms());
  }
}

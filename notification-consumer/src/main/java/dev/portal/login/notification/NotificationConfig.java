package dev.portal.login.notification;

import dev.portal.login.consumer.ConsumerSettings;
import dev.portal.login.consumer.EnvNumbers;
import dev.portal.login.contracts.NotificationSeal;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the notification consumer, read once at start-up. The e-mail and SMS channels have
 * their own records ({@link SmtpSettings}, {@link SmsWebhookSettings}).
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>NOTIFICATION_KEY</td><td>(required)</td><td>base64 of the 32-byte AES key that opens the sealed part
 *       of each message (the login path seals with the same key)</td></tr>
 *   <tr><td>NOTIFICATION_GROUP_ID</td><td>notification-consumer</td><td>Kafka consumer group of the notification consumers</td></tr>
 *   <tr><td>NOTIFICATION_POLL_TIMEOUT_MS</td><td>250</td><td>longest wait of one Kafka poll</td></tr>
 *   <tr><td>NOTIFICATION_MAX_POLL_RECORDS</td><td>50</td><td>most messages handled (sent concurrently) in one batch;
 *       small because each may wait for SMTP or the SMS webhook</td></tr>
 *   <tr><td>NOTIFICATION_RETRY_INITIAL_BACKOFF_MS</td><td>200</td><td>wait before the first retry of a failed batch</td></tr>
 *   <tr><td>NOTIFICATION_RETRY_MAX_BACKOFF_MS</td><td>30000</td><td>cap of the doubling wait between batch retries</td></tr>
 *   <tr><td>DEV_OUTBOX</td><td>false</td><td>true (set by the app in no-setup mode): render messages into the
 *       development outbox instead of sending them, and answer its event-bus address</td></tr>
 *   <tr><td>NOTIFICATION_DEV_OUTBOX_SIZE</td><td>1000</td><td>messages kept in the development outbox (Redis list
 *       auth:dev-outbox), newest first</td></tr>
 *   <tr><td>NOTIFICATION_DELIVERED_TTL_SECONDS</td><td>604800 (7 days)</td><td>how long a message id is remembered as
 *       delivered, so a replay within that time sends nothing</td></tr>
 *   <tr><td>NOTIFICATION_PG_POOL_SIZE</td><td>4</td><td>PostgreSQL connections for the contact lookup</td></tr>
 *   <tr><td>NOTIFICATION_HEALTH_TIMEOUT_MS</td><td>800</td><td>longest wait of each health probe (PostgreSQL, Redis)</td></tr>
 * </table>
 */
public record NotificationConfig(
    ConsumerSettings consumer,
    NotificationSeal seal,
    boolean devOutbox,
    int devOutboxSize,
    Duration deliveredTtl,
    int postgresPoolSize,
    Duration healthTimeout,
    SmtpSettings smtp,
    SmsWebhookSettings sms) {

  static final String PREFIX = "NOTIFICATION_";
  static final int DEFAULT_MAX_POLL_RECORDS = 50;

  public static NotificationConfig fromEnv(Map<String, String> env) {
    return new NotificationConfig(
        // fewer than the shared default: every message of a batch is in flight at once
        ConsumerSettings.fromEnv(env, PREFIX, "notification-consumer", DEFAULT_MAX_POLL_RECORDS),
        seal(env),
        EnvText.flag(env, "DEV_OUTBOX", false),
        EnvNumbers.positiveCount(env, "NOTIFICATION_DEV_OUTBOX_SIZE", 1000),
        Duration.ofSeconds(EnvNumbers.positiveCount(env, "NOTIFICATION_DELIVERED_TTL_SECONDS", 604_800)),
        EnvNumbers.positiveCount(env, "NOTIFICATION_PG_POOL_SIZE", 4),
        EnvNumbers.positiveMillis(env, "NOTIFICATION_HEALTH_TIMEOUT_MS", 800),
        SmtpSettings.fromEnv(env),
        SmsWebhookSettings.fromEnv(env));
  }

  private static NotificationSeal seal(Map<String, String> env) {
    String key = EnvText.text(env, NotificationSeal.KEY_VARIABLE, null);
    if (key == null) {
      throw new IllegalArgumentException(NotificationSeal.KEY_VARIABLE + " is not set: the notification consumer "
          + "needs the key the login path seals codes and links with");
    }
    return NotificationSeal.fromBase64(key);
  }
}

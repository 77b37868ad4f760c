package dev.portal.login.notification;

import dev.portal.login.consumer.ConsumerSettings;
import dev.portal.login.consumer.EnvNumbers;
import java.util.Map;

/**
 * Settings of the notification consumer, read once at start-up.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>NOTIFICATION_GROUP_ID</td><td>notification-consumer</td><td>Kafka consumer group of the notification consumers</td></tr>
 *   <tr><td>NOTIFICATION_POLL_TIMEOUT_MS</td><td>250</td><td>longest wait of one Kafka poll</td></tr>
 *   <tr><td>NOTIFICATION_MAX_POLL_RECORDS</td><td>500</td><td>most records handled in one batch</td></tr>
 *   <tr><td>NOTIFICATION_RETRY_INITIAL_BACKOFF_MS</td><td>200</td><td>wait before the first retry of a failed batch</td></tr>
 *   <tr><td>NOTIFICATION_RETRY_MAX_BACKOFF_MS</td><td>30000</td><td>cap of the doubling wait between batch retries</td></tr>
 *   <tr><td>NOTIFICATION_DEV_OUTBOX_SIZE</td><td>1000</td><td>messages kept in the development outbox (Redis
 *       list auth:dev-outbox), newest first, until real delivery channels exist</td></tr>
 * </table>
 */
public record NotificationConfig(ConsumerSettings consumer, int devOutboxSize) {

  public static NotificationConfig fromEnv(Map<String, String> env) {
    return new NotificationConfig(ConsumerSettings.fromEnv(env, "NOTIFICATION_", "notification-consumer"),
        EnvNumbers.positiveCount(env, "NOTIFICATION_DEV_OUTBOX_SIZE", 1000));
  }
}

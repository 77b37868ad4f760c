package dev.portal.login.identity;

import dev.portal.login.contracts.EventIds;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.NotificationSeal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/**
 * Builds and sends the messages of the login path (codes, links, alerts) through the notification
 * topic: secrets and the destination sealed, only what anyone may read in clear.
 */
final class OutgoingNotifications {
  private final NotificationSeal seal;
  private final EventPublisher publisher;
  private final Clock clock;

  OutgoingNotifications(NotificationSeal seal, EventPublisher publisher, Clock clock) {
    this.seal = seal;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Sends one message.
   *
   * @param locale null: the account's language
   * @param to the destination, or null for the account's own verified contact of the channel
   * @param secret what must stay secret (code, link); null when nothing is
   * @return the message id once Kafka acknowledged it; fails with problem {@code unavailable}
   */
  Future<UUID> send(String template, String channel, UUID accountId, String locale, String to, JsonObject secret,
      JsonObject data) {
    Notification message = build(template, channel, accountId, locale, to, secret, data);
    return publisher.publish(message).map(message.messageId());
  }

  Notification build(String template, String channel, UUID accountId, String locale, String to, JsonObject secret,
      JsonObject data) {
    UUID messageId = EventIds.next(clock);
    JsonObject sealedPart = secret == null ? new JsonObject() : secret.copy();
    if (to != null) {
      sealedPart.put("to", to);
    }
    String sealed = sealedPart.isEmpty() ? null : seal.seal(messageId, sealedPart);
    return new Notification(messageId, template, channel, accountId, locale, clock.instant(), data, sealed,
        to == null ? null : Destinations.mask(channel, to));
  }
}

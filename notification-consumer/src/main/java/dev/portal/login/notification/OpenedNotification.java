package dev.portal.login.notification;

import dev.portal.login.contracts.Notification;
import io.vertx.core.json.JsonObject;

/**
 * A notification read from Kafka with its sealed part opened, and the record value as it arrived
 * (what a dead letter carries unchanged).
 *
 * @param secret the opened sealed part ({to?, code?, link?}); empty when the message had none
 */
record OpenedNotification(Notification message, JsonObject secret, byte[] recordValue) {

  /** The destination the sender chose, or null for the account's own contact. */
  String sealedTo() {
    return secret.getString("to");
  }

  /** Never shows the opened secret. */
  @Override
  public String toString() {
    return "OpenedNotification[" + message.messageId() + ", " + message.template() + ", " + message.channel() + "]";
  }
}

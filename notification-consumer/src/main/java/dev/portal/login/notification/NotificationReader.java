package dev.portal.login.notification;

import dev.portal.login.consumer.RecordReader;
import dev.portal.login.consumer.RecordVerdict;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.NotificationSeal;
import io.vertx.core.json.JsonObject;

/**
 * Reads a record of the notification topic and opens its sealed part. Whatever can never be delivered
 * (not a notification, an unknown template, channel or language, a broken seal) is rejected, so the
 * consumer loop dead-letters it at once instead of retrying; the reasons never quote the record.
 */
final class NotificationReader implements RecordReader<OpenedNotification> {
  static final String INVALID_NOTIFICATION = "invalid-notification";
  static final String UNKNOWN_CHANNEL = "unknown-channel";
  static final String UNKNOWN_TEMPLATE = "unknown-template";
  static final String UNKNOWN_LOCALE = "unknown-locale";
  static final String BROKEN_SEAL = "broken-seal";

  private final NotificationSeal seal;
  private final TemplateCatalogue catalogue;

  NotificationReader(NotificationSeal seal, TemplateCatalogue catalogue) {
    this.seal = seal;
    this.catalogue = catalogue;
  }

  @Override
  public RecordVerdict<OpenedNotification> read(byte[] value) {
    return RecordReader.jsonObject().then(json -> open(json, value)).read(value);
  }

  private RecordVerdict<OpenedNotification> open(JsonObject json, byte[] value) {
    Notification message;
    try {
      message = Notification.fromJson(json);
    } catch (IllegalArgumentException e) {
      // its message may quote the bad member: the reason stays a fixed word
      return RecordVerdict.rejected(INVALID_NOTIFICATION);
    }
    if (!Notification.EMAIL.equals(message.channel()) && !Notification.SMS.equals(message.channel())) {
      return RecordVerdict.rejected(UNKNOWN_CHANNEL);
    }
    if (!catalogue.knows(message.template())) {
      return RecordVerdict.rejected(UNKNOWN_TEMPLATE);
    }
    if (message.locale() != null && MessageLocale.find(message.locale()).isEmpty()) {
      return RecordVerdict.rejected(UNKNOWN_LOCALE);
    }
    if (message.sealed() == null) {
      return RecordVerdict.accepted(new OpenedNotification(message, new JsonObject(), value));
    }
    try {
      return RecordVerdict.accepted(new OpenedNotification(message, seal.open(message.messageId(),
          message.sealed()), value));
    } catch (NotificationSeal.BrokenSealException e) {
      return RecordVerdict.rejected(BROKEN_SEAL + ": " + e.getMessage());
    }
  }
}

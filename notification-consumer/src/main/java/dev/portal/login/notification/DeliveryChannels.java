package dev.portal.login.notification;

import dev.portal.login.contracts.Notification;
import java.util.List;

/**
 * Which channel delivers a message: by its channel (e-mail or SMS), or the development outbox for
 * every message when that is on.
 */
final class DeliveryChannels {
  private final DeliveryChannel email;
  private final DeliveryChannel sms;

  private DeliveryChannels(DeliveryChannel email, DeliveryChannel sms) {
    this.email = email;
    this.sms = sms;
  }

  static DeliveryChannels sending(DeliveryChannel email, DeliveryChannel sms) {
    return new DeliveryChannels(email, sms);
  }

  static DeliveryChannels devOutbox(DeliveryChannel outbox) {
    return new DeliveryChannels(outbox, outbox);
  }

  DeliveryChannel forMessage(Notification message) {
    return Notification.SMS.equals(message.channel()) ? sms : email;
  }

  /** The metric labels of the channels in use. */
  List<String> labels() {
    return email.label().equals(sms.label()) ? List.of(email.label()) : List.of(email.label(), sms.label());
  }
}

package dev.portal.login.notification;

import io.vertx.core.Future;

/**
 * One way of delivering a rendered message. A failed future means "not now" (the batch is retried);
 * {@link Outcome.Refused} means "never" (the message goes to the dead-letter topic with the reason).
 */
interface DeliveryChannel {

  /** The channel label of the delivery metrics: email, sms or outbox. */
  String label();

  Future<Outcome> deliver(RenderedMessage message);

  sealed interface Outcome permits Outcome.Sent, Outcome.Refused {
    Outcome SENT = new Sent();

    record Sent() implements Outcome {
    }

    /** @param reason for the dead-letter header and the log: never the destination or the text */
    record Refused(String reason) implements Outcome {
    }
  }
}

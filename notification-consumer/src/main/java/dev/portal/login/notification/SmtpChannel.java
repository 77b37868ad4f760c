package dev.portal.login.notification;

import io.vertx.core.Future;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import java.util.Set;

/**
 * Sends e-mail through an SMTP server (plain-text body). A permanent refusal of the message (a 5xx
 * reply such as an unknown mailbox) dead-letters it; anything else, a server down or a 4xx "try
 * later" included, fails the batch so it is retried. Permanent replies that speak of our login to the
 * server, not of the message, are retried as well: dead-lettering every message for a bad password
 * would lose them all.
 */
final class SmtpChannel implements DeliveryChannel {
  static final String LABEL = "email";
  /** Authentication required, too weak, failed, or needs encryption: the configuration is at fault. */
  private static final Set<Integer> LOGIN_REPLIES = Set.of(530, 534, 535, 538);

  private final MailClient client;
  private final String from;

  SmtpChannel(MailClient client, String from) {
    this.client = client;
    this.from = from;
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public Future<Outcome> deliver(RenderedMessage message) {
    MailMessage mail = new MailMessage()
        .setFrom(from)
        .setTo(message.to())
        .setSubject(message.subject())
        .setText(message.body());
    mail.addHeader("Content-Language", message.locale());
    return client.sendMail(mail)
        .<Outcome>map(sent -> Outcome.SENT)
        .recover(SmtpChannel::classify);
  }

  private static Future<Outcome> classify(Throwable failure) {
    if (failure instanceof SMTPException smtp && smtp.isPermanent() && !LOGIN_REPLIES.contains(smtp.getReplyCode())) {
      // the reply text may quote the address: only its code goes into the reason
      return Future.succeededFuture(new Outcome.Refused("smtp server refused the message with " + smtp.getReplyCode()));
    }
    return Future.failedFuture(failure);
  }
}

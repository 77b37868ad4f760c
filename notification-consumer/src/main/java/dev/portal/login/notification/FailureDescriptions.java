package dev.portal.login.notification;

import dev.portal.login.consumer.ConsumerLoop;
import io.vertx.ext.mail.SMTPException;

/**
 * How a failure appears in log lines of this role. An SMTP server's reply text can quote the address
 * it refused, so SMTP failures show only their reply code.
 */
final class FailureDescriptions {
  private FailureDescriptions() {
  }

  static String describe(Throwable failure) {
    if (failure instanceof SMTPException smtp) {
      return "SMTPException: reply " + smtp.getReplyCode();
    }
    return ConsumerLoop.describe(failure);
  }
}

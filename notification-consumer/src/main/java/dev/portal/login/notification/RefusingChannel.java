package dev.portal.login.notification;

import io.vertx.core.Future;

/** Stands in for a channel that is not configured: every message is refused with the same reason. */
final class RefusingChannel implements DeliveryChannel {
  private final String label;
  private final String reason;

  RefusingChannel(String label, String reason) {
    this.label = label;
    this.reason = reason;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public Future<Outcome> deliver(RenderedMessage message) {
    return Future.succeededFuture(new Outcome.Refused(reason));
  }
}

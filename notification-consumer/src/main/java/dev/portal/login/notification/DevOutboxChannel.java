package dev.portal.login.notification;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The channel of no-setup mode: instead of sending, it keeps the rendered message, code or link in
 * clear included, in the {@link DevOutbox}. Development only.
 */
final class DevOutboxChannel implements DeliveryChannel {
  static final String LABEL = "outbox";

  private final DevOutbox outbox;

  DevOutboxChannel(DevOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public Future<Outcome> deliver(RenderedMessage message) {
    return outbox.push(item(message)).map(Outcome.SENT);
  }

  /** The outbox item; accountId and data are extras beyond the contract's members, for tests that look for them. */
  static JsonObject item(RenderedMessage message) {
    return new JsonObject()
        .put("messageId", message.messageId().toString())
        .put("channel", message.channel())
        .put("to", message.to())
        .put("template", message.template())
        .put("locale", message.locale())
        .put("subject", message.subject())
        .put("body", message.body())
        .put("createdAt", message.createdAt().toString())
        .put("accountId", message.accountId() == null ? null : message.accountId().toString())
        .put("data", message.data());
  }
}

package dev.portal.login.notification;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * A message ready to hand to a channel: destination and text, in the language it was written in.
 *
 * @param channel the message's channel, {@code email} or {@code sms}
 * @param subject null for SMS
 * @param data the message's clear data, kept for the development outbox only
 */
record RenderedMessage(UUID messageId, UUID accountId, String channel, String to, String template, String locale,
    String subject, String body, JsonObject data, Instant createdAt) {

  /** Never shows the destination or the text. */
  @Override
  public String toString() {
    return "RenderedMessage[" + messageId + ", " + template + ", " + channel + ", " + locale + "]";
  }
}

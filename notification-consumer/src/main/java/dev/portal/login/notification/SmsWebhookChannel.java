package dev.portal.login.notification;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * Sends SMS by POSTing {to, message, messageId} to the provider's webhook; any 2xx means sent. A
 * provider hiccup (5xx, 408, 429, timeout, connection error) is retried here with a doubling wait, so
 * one flaky request does not hold up the whole batch; after the last attempt, or on any other answer
 * (a 4xx: the provider will never take this request), the message is refused and dead-lettered.
 * The message id lets the provider drop a repeat of a request it did take.
 */
final class SmsWebhookChannel implements DeliveryChannel {
  static final String LABEL = "sms";

  private final Vertx vertx;
  private final WebClient client;
  private final SmsWebhookSettings settings;

  SmsWebhookChannel(Vertx vertx, WebClient client, SmsWebhookSettings settings) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public Future<Outcome> deliver(RenderedMessage message) {
    JsonObject body = new JsonObject()
        .put("to", message.to())
        .put("message", message.body())
        .put("messageId", message.messageId().toString());
    return attempt(body, 1);
  }

  private Future<Outcome> attempt(JsonObject body, int attempt) {
    return post(body)
        .compose(response -> answered(body, attempt, response.statusCode()),
            failure -> unanswered(body, attempt, failure));
  }

  private Future<HttpResponse<Buffer>> post(JsonObject body) {
    HttpRequest<Buffer> request = client.postAbs(settings.url().toString())
        .connectTimeout(settings.timeout().toMillis())
        .idleTimeout(settings.timeout().toMillis());
    if (settings.authHeader() != null) {
      request.putHeader("Authorization", settings.authHeader());
    }
    return request.sendJsonObject(body);
  }

  private Future<Outcome> answered(JsonObject body, int attempt, int status) {
    if (status >= 200 && status < 300) {
      return Future.succeededFuture(Outcome.SENT);
    }
    if (!retryable(status)) {
      return refused("sms webhook answered " + status);
    }
    return attempt < settings.attempts() ? retry(body, attempt)
        : refused("sms webhook answered " + status + " after " + attempt + " attempts");
  }

  private Future<Outcome> unanswered(JsonObject body, int attempt, Throwable failure) {
    return attempt < settings.attempts() ? retry(body, attempt)
        : refused("sms webhook did not answer after " + attempt + " attempts: " + failure.getClass().getSimpleName());
  }

  private Future<Outcome> retry(JsonObject body, int attempt) {
    return vertx.timer(settings.backoffBefore(attempt + 1).toMillis()).compose(waited -> attempt(body, attempt + 1));
  }

  private static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  private static Future<Outcome> refused(String reason) {
    return Future.succeededFuture(new Outcome.Refused(reason));
  }
}

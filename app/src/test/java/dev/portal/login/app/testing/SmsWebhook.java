package dev.portal.login.app.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMS gateway as the notification consumer sees it: a local HTTP endpoint that records every
 * request ({to, message, messageId} and its Authorization header) and can be told to answer 503 for
 * the next few requests, to exercise retries.
 */
public final class SmsWebhook implements AutoCloseable {
  public static final String PATH = "/sms";
  private static final Pattern SIX_DIGITS = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");

  private final Vertx vertx;
  private final HttpServer server;
  private final List<Sms> delivered = new CopyOnWriteArrayList<>();
  private final List<Sms> attempts = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresToAnswer = new AtomicInteger();

  /** One request as received; {@code authorization} is the header, or null. */
  public record Sms(String to, String message, String messageId, String authorization, JsonObject body) {
    /** The one 6-digit code of the message, failing the test if there is none. */
    public String code() {
      Matcher matcher = SIX_DIGITS.matcher(message == null ? "" : message);
      if (!matcher.find()) {
        throw new AssertionError("no 6-digit code in the SMS: " + message);
      }
      return matcher.group(1);
    }
  }

  private SmsWebhook(Vertx vertx) throws Exception {
    this.vertx = vertx;
    this.server = vertx.createHttpServer().requestHandler(this::handle)
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  public static SmsWebhook start() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      return new SmsWebhook(vertx);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(buffer -> {
      JsonObject body;
      try {
        body = buffer.toJsonObject();
      } catch (RuntimeException e) {
        body = new JsonObject().put("unparsable", buffer.toString());
      }
      Sms sms = new Sms(body.getString("to"), body.getString("message"), body.getString("messageId"),
          request.getHeader("Authorization"), body);
      attempts.add(sms);
      if (!PATH.equals(request.path()) || !"POST".equals(request.method().name())) {
        request.response().setStatusCode(404).end();
      } else if (failuresToAnswer.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        request.response().setStatusCode(503).putHeader("Retry-After", "1").end();
      } else {
        delivered.add(sms);
        request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("status", "queued").encode());
      }
    });
  }

  /** Where the app posts messages (SMS_WEBHOOK_URL). */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + PATH;
  }

  /** The next {@code times} requests get 503 Service Unavailable. */
  public void answerUnavailable(int times) {
    failuresToAnswer.set(times);
  }

  /** Messages answered 200, to one number, oldest first. */
  public List<Sms> deliveredTo(String phone) {
    return delivered.stream().filter(sms -> phone.equals(sms.to())).toList();
  }

  /** Every request to one number, including those answered 503, oldest first. */
  public List<Sms> attemptsTo(String phone) {
    return attempts.stream().filter(sms -> phone.equals(sms.to())).toList();
  }

  /** Waits until {@code count} messages to {@code phone} were accepted; returns them, oldest first. */
  public List<Sms> awaitDelivered(String phone, int count) {
    return Eventually.await(count + " SMS to " + phone, () -> deliveredTo(phone), found -> found.size() >= count);
  }

  public Sms awaitDelivered(String phone) {
    return awaitDelivered(phone, 1).get(0);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

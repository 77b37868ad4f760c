package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Notification.Templates;
import dev.portal.login.notification.DeliveryChannel.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SMS channel against a real HTTP server in this JVM standing in for the provider's webhook. */
@ExtendWith(VertxExtension.class)
class SmsWebhookChannelTest {
  private static final String AUTH = "Bearer sms-provider-token";

  /** What the webhook received: headers and bodies, in order. */
  private final List<JsonObject> bodies = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private int failureStatus = 503;
  private HttpServer webhook;
  private WebClient client;

  @BeforeEach
  void startWebhook(Vertx vertx, VertxTestContext test) {
    client = WebClient.create(vertx);
    vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1")
        .onComplete(test.succeeding(server -> {
          webhook = server;
          test.completeNow();
        }));
  }

  @AfterEach
  void stop() {
    client.close();
  }

  private void answer(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      bodies.add(body.toJsonObject());
      authorizations.add(request.getHeader("Authorization"));
      int status = failuresLeft.getAndDecrement() > 0 ? failureStatus : 200;
      request.response().setStatusCode(status).end();
    });
  }

  private SmsWebhookChannel channel(Vertx vertx, String url) {
    Map<String, String> env = new HashMap<>(Map.of("SMS_WEBHOOK_URL", url, "SMS_WEBHOOK_AUTH_HEADER", AUTH,
        "SMS_RETRY_INITIAL_BACKOFF_MS", "10", "SMS_WEBHOOK_TIMEOUT_MS", "2000"));
    return new SmsWebhookChannel(vertx, client, SmsWebhookSettings.fromEnv(env));
  }

  private SmsWebhookChannel channel(Vertx vertx) {
    return channel(vertx, "http://127.0.0.1:" + webhook.actualPort() + "/sms/send");
  }

  private static RenderedMessage sms(UUID messageId) {
    return new RenderedMessage(messageId, UUID.randomUUID(), Notification.SMS, "+6281234567890", Templates.LOGIN_CODE,
        "id", null, "Kode verifikasi Anda: 123456. Berlaku 5 menit. Jangan berikan kode ini kepada siapa pun.",
        new JsonObject(), Messages.CREATED);
  }

  @Test
  @DisplayName("the webhook gets {to, message, messageId} with the configured Authorization header")
  void posts(Vertx vertx, VertxTestContext test) {
    UUID messageId = UUID.randomUUID();
    channel(vertx).deliver(sms(messageId)).onComplete(test.succeeding(outcome -> test.verify(() -> {
      assertEquals(Outcome.SENT, outcome);
      assertEquals(List.of(new JsonObject().put("to", "+6281234567890")
          .put("message", "Kode verifikasi Anda: 123456. Berlaku 5 menit. Jangan berikan kode ini kepada siapa pun.")
          .put("messageId", messageId.toString())), bodies);
      assertEquals(List.of(AUTH), authorizations);
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a webhook answering 503 twice is tried again with the same message id and then succeeds")
  void retriesThenSends(Vertx vertx, VertxTestContext test) {
    failuresLeft.set(2);
    UUID messageId = UUID.randomUUID();
    channel(vertx).deliver(sms(messageId)).onComplete(test.succeeding(outcome -> test.verify(() -> {
      assertEquals(Outcome.SENT, outcome);
      assertEquals(3, bodies.size());
      assertTrue(bodies.stream().allMatch(body -> body.getString("messageId").equals(messageId.toString())));
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a webhook answering 503 every time is refused after the configured attempts, saying so")
  void exhaustedRetries(Vertx vertx, VertxTestContext test) {
    failuresLeft.set(Integer.MAX_VALUE);
    channel(vertx).deliver(sms(UUID.randomUUID())).onComplete(test.succeeding(outcome -> test.verify(() -> {
      assertEquals(new Outcome.Refused("sms webhook answered 503 after 4 attempts"), outcome);
      assertEquals(4, bodies.size());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a 4xx answer is refused at once: the provider will never take that request")
  void clientErrorNotRetried(Vertx vertx, VertxTestContext test) {
    failuresLeft.set(Integer.MAX_VALUE);
    failureStatus = 400;
    channel(vertx).deliver(sms(UUID.randomUUID())).onComplete(test.succeeding(outcome -> test.verify(() -> {
      assertEquals(new Outcome.Refused("sms webhook answered 400"), outcome);
      assertEquals(1, bodies.size());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("a webhook that cannot be reached is retried, then refused naming only the kind of failure")
  void unreachable(Vertx vertx, VertxTestContext test) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Future<Outcome> delivered = channel(vertx, "http://127.0.0.1:" + closedPort + "/sms").deliver(sms(UUID.randomUUID()));
    delivered.onComplete(test.succeeding(outcome -> test.verify(() -> {
      Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class, outcome);
      assertTrue(refused.reason().startsWith("sms webhook did not answer after 4 attempts"), refused.reason());
      assertTrue(!refused.reason().contains("+62"), refused.reason());
      test.completeNow();
    })));
  }
}

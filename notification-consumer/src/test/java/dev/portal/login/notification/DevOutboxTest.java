package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Notification.Templates;
import dev.portal.login.contracts.RedisKeys;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The development outbox and the delivery marks over an in-memory stand-in for Redis. */
@ExtendWith(VertxExtension.class)
class DevOutboxTest {
  private final InMemoryRedis redis = new InMemoryRedis();
  private final DevOutbox outbox = new DevOutbox(redis, 2);
  private final DevOutboxChannel channel = new DevOutboxChannel(outbox);

  private static RenderedMessage rendered(String to, String body) {
    return new RenderedMessage(UUID.randomUUID(), UUID.randomUUID(), Notification.EMAIL, to, Templates.LOGIN_CODE, "id",
        "Kode verifikasi Anda", body, new JsonObject().put("expiresInMinutes", 5), Messages.CREATED);
  }

  @Test
  @DisplayName("the outbox keeps the rendered messages, code in clear, newest first and capped")
  void keepsRenderedMessages(VertxTestContext test) {
    RenderedMessage first = rendered("a@example.id", "Kode: 111111");
    RenderedMessage second = rendered("b@example.id", "Kode: 222222");
    RenderedMessage third = rendered("a@example.id", "Kode: 333333");
    channel.deliver(first)
        .compose(sent -> channel.deliver(second))
        .compose(sent -> channel.deliver(third))
        .compose(sent -> outbox.all())
        .onComplete(test.succeeding(items -> test.verify(() -> {
          assertEquals(2, items.size(), "capped at the configured size");
          assertEquals(2, redis.lists.get(RedisKeys.devOutbox()).size());
          JsonObject newest = items.get(0);
          assertEquals(third.messageId().toString(), newest.getString("messageId"));
          assertEquals("a@example.id", newest.getString("to"));
          assertEquals("Kode verifikasi Anda", newest.getString("subject"));
          assertEquals("Kode: 333333", newest.getString("body"));
          assertEquals("email", newest.getString("channel"));
          assertEquals("login-code", newest.getString("template"));
          assertEquals("id", newest.getString("locale"));
          assertEquals(Messages.CREATED.toString(), newest.getString("createdAt"));
          assertEquals(second.messageId().toString(), items.get(1).getString("messageId"));
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("the outbox address answers {items} newest first for exactly the asked destination")
  void answersOnTheEventBus(Vertx vertx, VertxTestContext test) {
    DevOutbox roomy = new DevOutbox(redis, 10);
    DevOutboxChannel roomyChannel = new DevOutboxChannel(roomy);
    vertx.eventBus().consumer(Addresses.NOTIFICATION_DEV_OUTBOX, new DevOutboxRequests(roomy)::handle).completion()
        .compose(registered -> roomyChannel.deliver(rendered("a@example.id", "Kode: 1")))
        .compose(sent -> roomyChannel.deliver(rendered("b@example.id", "Kode: 2")))
        .compose(sent -> roomyChannel.deliver(rendered("a@example.id", "Kode: 3")))
        .compose(sent -> vertx.eventBus().<JsonObject>request(Addresses.NOTIFICATION_DEV_OUTBOX,
            new JsonObject().put("to", "a@example.id")))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          List<String> bodies = reply.body().getJsonArray("items").stream()
              .map(item -> ((JsonObject) item).getString("body")).toList();
          assertEquals(List.of("Kode: 3", "Kode: 1"), bodies);
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("the outbox address refuses a limit below 1 with a validation problem")
  void refusesBadLimit(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().consumer(Addresses.NOTIFICATION_DEV_OUTBOX, new DevOutboxRequests(outbox)::handle).completion()
        .compose(registered -> vertx.eventBus().<JsonObject>request(Addresses.NOTIFICATION_DEV_OUTBOX,
            new JsonObject().put("limit", 0)))
        .onComplete(test.failing(failure -> test.verify(() -> {
          ReplyException reply = assertInstanceOf(ReplyException.class, failure);
          assertEquals(400, reply.failureCode());
          assertTrue(reply.getMessage().contains("validation-failed"), reply.getMessage());
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a delivery mark is a Redis string under the message's key that expires after the configured time")
  void deliveryMarks(VertxTestContext test) {
    RedisDeliveryMarks marks = new RedisDeliveryMarks(redis, Duration.ofDays(7));
    UUID messageId = UUID.randomUUID();
    marks.markOf(messageId)
        .compose(before -> {
          test.verify(() -> assertTrue(before.isEmpty()));
          return marks.mark(messageId, DeliveryMarks.SENT);
        })
        .compose(marked -> marks.markOf(messageId))
        .onComplete(test.succeeding(after -> test.verify(() -> {
          assertEquals("sent", after.orElseThrow());
          String key = RedisKeys.notificationDelivery(messageId.toString());
          assertTrue(redis.commands.contains(List.of("SET", key, "sent", "EX", "604800")), redis.commands.toString());
          test.completeNow();
        })));
  }
}

package dev.portal.login.notification;

import dev.portal.login.consumer.ConsumerLoop;
import dev.portal.login.consumer.ConsumerMeters;
import dev.portal.login.consumer.RecordReader;
import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.ServiceEndpoints;
import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the notification consumer group and reads the notification topic. Until delivery through
 * e-mail and SMS channels arrives (a later issue) it counts what it reads and keeps the messages in a
 * development outbox ({@link DevOutbox}). Answers health
 * at {@code Addresses.health("notification-consumer")}.
 */
public final class NotificationConsumerVerticle extends VerticleBase {
  public static final String COMPONENT = "notification-consumer";
  private static final Logger LOG = LoggerFactory.getLogger(NotificationConsumerVerticle.class);

  private final NotificationConfig config;
  private final ServiceEndpoints endpoints;
  private final MeterRegistry registry;

  private ConsumerLoop<JsonObject> loop;
  private Redis redisClient;

  public NotificationConsumerVerticle(NotificationConfig config, ServiceEndpoints endpoints, MeterRegistry registry) {
    this.config = config;
    this.endpoints = endpoints;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    ReceivedMessageCounter received = new ReceivedMessageCounter(registry);
    redisClient = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(endpoints.redis().connectionString()).setPoolName(COMPONENT));
    DevOutbox outbox = new DevOutbox(RedisAPI.api(redisClient), config.devOutboxSize());
    // the reason of a rejected message never quotes it: notification payloads may hold sealed secrets
    loop = ConsumerLoop.create(vertx, endpoints.kafka().bootstrapServers(), config.consumer(),
        Set.of(Topics.NOTIFICATIONS), RecordReader.jsonObject(),
        (List<SourcedEvent<JsonObject>> messages) -> received.countAll(messages).compose(counted -> outbox.record(messages)),
        ConsumerMeters.register(registry, "notification"));
    return vertx.eventBus().consumer(Addresses.health(COMPONENT), this::health).completion()
        .compose(registered -> loop.start())
        .onSuccess(started -> LOG.info("Notification consumer started in group {}", config.consumer().groupId()))
        .recover(failure -> stop().transform(closed -> Future.failedFuture(failure)));
  }

  private void health(Message<JsonObject> request) {
    boolean joined = loop.joinedGroup();
    request.reply(new JsonObject()
        .put("ok", joined)
        .put("checks", new JsonObject().put("kafka-group", joined ? "ok" : "not joined yet")));
  }

  @Override
  public Future<?> stop() {
    Future<Void> stopped = loop == null ? Future.succeededFuture() : loop.stop();
    return stopped.eventually(() -> redisClient == null ? Future.succeededFuture() : redisClient.close());
  }
}

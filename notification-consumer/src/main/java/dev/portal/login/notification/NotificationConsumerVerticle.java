package dev.portal.login.notification;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.ServiceEndpoints;
import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the notification consumer group and reads the notification topic. For now it only counts
 * what it reads (delivery through e-mail and SMS channels comes in a later issue). Answers health
 * at {@code Addresses.health("notification-consumer")}.
 */
public final class NotificationConsumerVerticle extends VerticleBase {
  public static final String COMPONENT = "notification-consumer";
  private static final Logger LOG = LoggerFactory.getLogger(NotificationConsumerVerticle.class);

  private final NotificationConfig config;
  private final ServiceEndpoints endpoints;
  private final MeterRegistry registry;

  private KafkaProducer<byte[], byte[]> deadLetterProducer;
  private KafkaConsumer<byte[], byte[]> consumer;
  private NotificationRecordLoop loop;
  private boolean groupJoined;

  public NotificationConsumerVerticle(NotificationConfig config, ServiceEndpoints endpoints, MeterRegistry registry) {
    this.config = config;
    this.endpoints = endpoints;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    String bootstrap = endpoints.kafka().bootstrapServers();
    deadLetterProducer = KafkaProducer.create(vertx, config.deadLetterProducerProperties(bootstrap));
    consumer = KafkaConsumer.<byte[], byte[]>create(vertx, config.consumerProperties(bootstrap))
        .partitionsAssignedHandler(this::partitionsAssigned)
        .partitionsRevokedHandler(revoked -> LOG.info("Notification consumer gave up {} partitions", revoked.size()));
    return vertx.eventBus().consumer(Addresses.health(COMPONENT), this::health).completion()
        .compose(registered -> consumer.subscribe(Topics.NOTIFICATIONS))
        .onSuccess(subscribed -> {
          loop = new NotificationRecordLoop(vertx, consumer, deadLetterProducer, config, registry);
          loop.start();
          LOG.info("Notification consumer started in group {}", config.groupId());
        })
        .recover(failure -> stop().transform(closed -> Future.failedFuture(failure)));
  }

  // an empty assignment still means the group accepted this member
  private void partitionsAssigned(Set<TopicPartition> assigned) {
    groupJoined = true;
    LOG.info("Notification consumer joined group {} with {} partitions", config.groupId(), assigned.size());
  }

  private void health(Message<JsonObject> request) {
    request.reply(new JsonObject()
        .put("ok", groupJoined)
        .put("checks", new JsonObject().put("kafka-group", groupJoined ? "ok" : "not joined yet")));
  }

  @Override
  public Future<?> stop() {
    Future<Void> loopStopped = loop == null ? Future.succeededFuture() : loop.stop();
    return loopStopped
        .eventually(() -> consumer == null ? Future.succeededFuture() : consumer.close())
        .eventually(() -> deadLetterProducer == null ? Future.succeededFuture() : deadLetterProducer.close());
  }
}

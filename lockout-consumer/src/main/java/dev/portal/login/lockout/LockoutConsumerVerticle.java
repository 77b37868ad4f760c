package dev.portal.login.lockout;

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
 * Joins the lockout consumer group and reads the login and account topics. For now it only counts
 * what it reads (lock and throttle state in Redis come in a later issue). Answers health at
 * {@code Addresses.health("lockout-consumer")}.
 */
public final class LockoutConsumerVerticle extends VerticleBase {
  public static final String COMPONENT = "lockout-consumer";
  private static final Logger LOG = LoggerFactory.getLogger(LockoutConsumerVerticle.class);

  private final LockoutConfig config;
  private final ServiceEndpoints endpoints;
  private final MeterRegistry registry;

  private KafkaProducer<byte[], byte[]> deadLetterProducer;
  private KafkaConsumer<byte[], byte[]> consumer;
  private LockoutRecordLoop loop;
  private boolean groupJoined;

  public LockoutConsumerVerticle(LockoutConfig config, ServiceEndpoints endpoints, MeterRegistry registry) {
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
        .partitionsRevokedHandler(revoked -> LOG.info("Lockout consumer gave up {} partitions", revoked.size()));
    return vertx.eventBus().consumer(Addresses.health(COMPONENT), this::health).completion()
        .compose(registered -> consumer.subscribe(Set.of(Topics.LOGIN_EVENTS, Topics.ACCOUNT_EVENTS)))
        .onSuccess(subscribed -> {
          loop = new LockoutRecordLoop(vertx, consumer, deadLetterProducer, config, registry);
          loop.start();
          LOG.info("Lockout consumer started in group {}", config.groupId());
        })
        .recover(failure -> stop().transform(closed -> Future.failedFuture(failure)));
  }

  // an empty assignment still means the group accepted this member
  private void partitionsAssigned(Set<TopicPartition> assigned) {
    groupJoined = true;
    LOG.info("Lockout consumer joined group {} with {} partitions", config.groupId(), assigned.size());
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

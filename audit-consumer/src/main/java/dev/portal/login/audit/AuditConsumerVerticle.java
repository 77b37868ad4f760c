package dev.portal.login.audit;

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
import io.vertx.sqlclient.Pool;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the audit trail: reads every event from the login and account topics and writes it once
 * to {@code audit.audit_event}, committing offsets only after the write. Answers health at
 * {@code Addresses.health("audit-consumer")}.
 */
public final class AuditConsumerVerticle extends VerticleBase {
  public static final String COMPONENT = "audit-consumer";
  private static final Logger LOG = LoggerFactory.getLogger(AuditConsumerVerticle.class);

  private final AuditConfig config;
  private final ServiceEndpoints endpoints;
  private final MeterRegistry registry;

  private Pool pool;
  private KafkaProducer<byte[], byte[]> deadLetterProducer;
  private KafkaConsumer<byte[], byte[]> consumer;
  private AuditBatchLoop loop;
  private boolean groupJoined;

  public AuditConsumerVerticle(AuditConfig config, ServiceEndpoints endpoints, MeterRegistry registry) {
    this.config = config;
    this.endpoints = endpoints;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    return AuditDatabase.migrate(vertx, endpoints.postgres())
        .compose(migrated -> openClients())
        .compose(opened -> vertx.eventBus().consumer(Addresses.health(COMPONENT), this::health).completion())
        .compose(registered -> consumer.subscribe(Set.of(Topics.LOGIN_EVENTS, Topics.ACCOUNT_EVENTS)))
        .onSuccess(subscribed -> {
          loop = new AuditBatchLoop(vertx, consumer, deadLetterProducer, new PostgresAuditWriter(pool), config, registry);
          loop.start();
          LOG.info("Audit consumer started in group {}", config.groupId());
        })
        .recover(failure -> stop().transform(closed -> Future.failedFuture(failure)));
  }

  private Future<Void> openClients() {
    String bootstrap = endpoints.kafka().bootstrapServers();
    pool = AuditDatabase.pool(vertx, endpoints.postgres(), config.pgPoolSize());
    deadLetterProducer = KafkaProducer.create(vertx, config.deadLetterProducerProperties(bootstrap));
    consumer = KafkaConsumer.<byte[], byte[]>create(vertx, config.consumerProperties(bootstrap))
        .partitionsAssignedHandler(this::partitionsAssigned)
        .partitionsRevokedHandler(revoked -> LOG.info("Audit consumer gave up {} partitions", revoked.size()));
    return Future.succeededFuture();
  }

  // an empty assignment still means the group accepted this member
  private void partitionsAssigned(Set<TopicPartition> assigned) {
    groupJoined = true;
    LOG.info("Audit consumer joined group {} with {} partitions", config.groupId(), assigned.size());
  }

  private void health(Message<JsonObject> request) {
    probePostgres().onComplete(postgres -> {
      String kafkaGroup = groupJoined ? "ok" : "not joined yet";
      String postgresCheck = postgres.succeeded() ? "ok" : AuditBatchLoop.describe(postgres.cause());
      request.reply(new JsonObject()
          .put("ok", postgres.succeeded() && groupJoined)
          .put("checks", new JsonObject().put("postgres", postgresCheck).put("kafka-group", kafkaGroup)));
    });
  }

  private Future<Void> probePostgres() {
    return pool.query(AuditSql.PROBE).execute()
        .timeout(config.healthProbeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .mapEmpty();
  }

  @Override
  public Future<?> stop() {
    Future<Void> loopStopped = loop == null ? Future.succeededFuture() : loop.stop();
    return loopStopped
        .eventually(() -> consumer == null ? Future.succeededFuture() : consumer.close())
        .eventually(() -> deadLetterProducer == null ? Future.succeededFuture() : deadLetterProducer.close())
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}

package dev.portal.login.audit;

import dev.portal.login.consumer.ConsumerLoop;
import dev.portal.login.consumer.ConsumerMeters;
import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.ServiceEndpoints;
import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the audit trail: reads every event from the login and account topics and writes it once
 * to {@code audit.audit_event}, committing offsets only after the write. Keeps the monthly
 * partitions (the next months created ahead, expired ones dropped) at start and on a timer.
 * Answers health at {@code Addresses.health("audit-consumer")}.
 */
public final class AuditConsumerVerticle extends VerticleBase {
  public static final String COMPONENT = "audit-consumer";
  private static final Logger LOG = LoggerFactory.getLogger(AuditConsumerVerticle.class);

  private final AuditConfig config;
  private final ServiceEndpoints endpoints;
  private final MeterRegistry registry;

  private Pool pool;
  private AuditPartitions partitions;
  private ConsumerLoop<SecurityEvent> loop;
  private long maintenanceTimer = -1;

  public AuditConsumerVerticle(AuditConfig config, ServiceEndpoints endpoints, MeterRegistry registry) {
    this.config = config;
    this.endpoints = endpoints;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    return AuditDatabase.migrate(vertx, endpoints.postgres())
        .compose(migrated -> openClients())
        .compose(opened -> maintainPartitions())
        .compose(maintained -> vertx.eventBus().consumer(Addresses.health(COMPONENT), this::health).completion())
        .compose(registered -> loop.start())
        .onSuccess(started -> {
          maintenanceTimer = vertx.setPeriodic(config.maintenanceInterval().toMillis(), id -> maintainPartitions()
              .onFailure(failure -> LOG.warn("Audit partition maintenance failed; trying again at the next run: {}",
                  AuditDatabase.describe(failure))));
          LOG.info("Audit consumer started in group {}", config.consumer().groupId());
        })
        .recover(failure -> stop().transform(closed -> Future.failedFuture(failure)));
  }

  private Future<Void> openClients() {
    pool = AuditDatabase.pool(vertx, endpoints.postgres(), config.pgPoolSize());
    partitions = new AuditPartitions(pool);
    AuditTrail trail = new AuditTrail(new PostgresAuditWriter(pool, partitions), registry);
    loop = ConsumerLoop.create(vertx, endpoints.kafka().bootstrapServers(), config.consumer(),
            Set.of(Topics.LOGIN_EVENTS, Topics.ACCOUNT_EVENTS), AuditRecordReader.READER, trail::append,
            meters(registry))
        .describingFailuresWith(AuditDatabase::describe);
    return Future.succeededFuture();
  }

  /** Creates the coming months' partitions and drops those past retention; safe to run anywhere, any time. */
  private Future<Void> maintainPartitions() {
    return partitions.maintain(Instant.now(), config.retention()).mapEmpty();
  }

  /** The audit loop's meters keep the names dashboards and alerts already use. */
  static ConsumerMeters meters(MeterRegistry registry) {
    return new ConsumerMeters(
        Counter.builder("audit.records.dead.lettered")
            .description("Records moved to the dead-letter topic because they can never be written").register(registry),
        Counter.builder("audit.write.retries")
            .description("Retries of audit batches whose write or dead-lettering failed").register(registry),
        Timer.builder("audit.batch.duration")
            .description("Time from receiving a batch to committing it, retries included").register(registry),
        registry);
  }

  private void health(Message<JsonObject> request) {
    probePostgres().onComplete(postgres -> {
      boolean joined = loop != null && loop.joinedGroup();
      String kafkaGroup = joined ? "ok" : "not joined yet";
      String postgresCheck = postgres.succeeded() ? "ok" : AuditDatabase.describe(postgres.cause());
      request.reply(new JsonObject()
          .put("ok", postgres.succeeded() && joined)
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
    if (maintenanceTimer >= 0) {
      vertx.cancelTimer(maintenanceTimer);
    }
    Future<Void> loopStopped = loop == null ? Future.succeededFuture() : loop.stop();
    return loopStopped.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}

package dev.portal.login.lockout;

import dev.portal.login.consumer.ConsumerLoop;
import dev.portal.login.consumer.ConsumerMeters;
import dev.portal.login.consumer.RecordReader;
import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.ServiceEndpoints;
import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
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

  private ConsumerLoop<SecurityEvent> loop;

  public LockoutConsumerVerticle(LockoutConfig config, ServiceEndpoints endpoints, MeterRegistry registry) {
    this.config = config;
    this.endpoints = endpoints;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    ReceivedEventCounter received = new ReceivedEventCounter(registry);
    loop = ConsumerLoop.create(vertx, endpoints.kafka().bootstrapServers(), config.consumer(),
        Set.of(Topics.LOGIN_EVENTS, Topics.ACCOUNT_EVENTS), RecordReader.securityEvent(), received::countAll,
        ConsumerMeters.register(registry, "lockout"));
    return vertx.eventBus().consumer(Addresses.health(COMPONENT), this::health).completion()
        .compose(registered -> loop.start())
        .onSuccess(started -> LOG.info("Lockout consumer started in group {}", config.consumer().groupId()))
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
    return loop == null ? Future.succeededFuture() : loop.stop();
  }
}

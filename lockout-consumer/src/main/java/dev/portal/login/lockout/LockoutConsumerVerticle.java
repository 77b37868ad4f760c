package dev.portal.login.lockout;

import dev.portal.login.consumer.ConsumerLoop;
import dev.portal.login.consumer.ConsumerMeters;
import dev.portal.login.consumer.RecordReader;
import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.ServiceEndpoints;
import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of lock and throttle state: reads the login and account topics in the lockout
 * consumer group and applies each event through the {@link LockoutPolicy} to Redis, announcing locks
 * and unlocks. On start, a Redis without the built marker is first rebuilt from Kafka. Answers health
 * at {@code Addresses.health("lockout-consumer")}.
 */
public final class LockoutConsumerVerticle extends VerticleBase {
  public static final String COMPONENT = "lockout-consumer";
  private static final Logger LOG = LoggerFactory.getLogger(LockoutConsumerVerticle.class);
  private static final long ACTIVE_LOCKS_REFRESH_MS = 10_000;

  private final LockoutConfig config;
  private final ServiceEndpoints endpoints;
  private final MeterRegistry registry;
  private final Clock clock;

  private Redis redisClient;
  private KafkaAnnouncer announcer;
  private ConsumerLoop<SecurityEvent> loop;
  private long activeLocksTimer = -1;

  public LockoutConsumerVerticle(LockoutConfig config, ServiceEndpoints endpoints, MeterRegistry registry) {
    this(config, endpoints, registry, Clock.systemUTC());
  }

  /** @param clock only sets how far back a rebuild reads and what counts as an active lock now */
  public LockoutConsumerVerticle(LockoutConfig config, ServiceEndpoints endpoints, MeterRegistry registry,
      Clock clock) {
    this.config = config;
    this.endpoints = endpoints;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    redisClient = Redis.createClient(vertx, redisOptions(config, endpoints, COMPONENT));
    RedisAPI redis = RedisAPI.api(redisClient);
    announcer = new KafkaAnnouncer(vertx, endpoints.kafka().bootstrapServers(), config.publishTimeout());
    LockoutMeters meters = new LockoutMeters(registry);
    LockStateStore store = new LockStateStore(redis, config.rules());
    LockoutEffect effect = new LockoutEffect(new LockoutPolicy(config.rules()), store, announcer, meters);
    ReceivedEventCounter received = new ReceivedEventCounter(registry);
    loop = ConsumerLoop.create(vertx, endpoints.kafka().bootstrapServers(), config.consumer(),
        Set.of(Topics.LOGIN_EVENTS, Topics.ACCOUNT_EVENTS), RecordReader.securityEvent(),
        (List<SourcedEvent<SecurityEvent>> batch) -> received.countAll(batch).compose(counted -> effect.applyAll(batch)),
        ConsumerMeters.register(registry, "lockout"));
    LockoutRebuild rebuild = new LockoutRebuild(vertx, endpoints.kafka().bootstrapServers(),
        config.consumer().groupId(), effect, redis, config.rules().lockHistory(), clock);
    activeLocksTimer = vertx.setPeriodic(ACTIVE_LOCKS_REFRESH_MS, id -> store.countActive(clock.millis())
        .onSuccess(meters::activeLocks)
        .onFailure(failure -> LOG.debug("Counting active locks failed: {}", failure.toString())));
    return vertx.eventBus().consumer(Addresses.health(COMPONENT), this::health).completion()
        .compose(registered -> rebuild.needed())
        .compose(needed -> needed ? rebuild.run().mapEmpty() : Future.succeededFuture())
        .compose(built -> loop.start())
        .onSuccess(started -> LOG.info("Lockout consumer started in group {}", config.consumer().groupId()))
        .recover(failure -> stop().transform(closed -> Future.failedFuture(failure)));
  }

  /**
   * The one-shot rebuild ({@code java -jar login-backend.jar lockout-rebuild}): replays the lock history
   * the consumer group has handled from Kafka into Redis, whether or not the marker is set; completes
   * with the number of events replayed.
   */
  public static Future<Long> rebuild(Vertx vertx, LockoutConfig config, ServiceEndpoints endpoints,
      MeterRegistry registry, Clock clock) {
    Redis client = Redis.createClient(vertx, redisOptions(config, endpoints, COMPONENT + "-rebuild"));
    RedisAPI redis = RedisAPI.api(client);
    LockoutEffect effect = new LockoutEffect(new LockoutPolicy(config.rules()), new LockStateStore(redis, config.rules()),
        (announcement, notify) -> Future.succeededFuture(), new LockoutMeters(registry));
    return new LockoutRebuild(vertx, endpoints.kafka().bootstrapServers(), config.consumer().groupId(), effect, redis,
        config.rules().lockHistory(), clock).run().eventually(client::close);
  }

  // a fixed pool name keeps the metric label bounded; subjects of a batch are applied in parallel
  private static RedisOptions redisOptions(LockoutConfig config, ServiceEndpoints endpoints, String poolName) {
    return new RedisOptions()
        .setConnectionString(endpoints.redis().connectionString())
        .setPoolName(poolName)
        .setMaxPoolSize(config.redisPoolSize())
        .setMaxPoolWaiting(config.redisPoolWaiting());
  }

  private void health(Message<JsonObject> request) {
    boolean joined = loop.joinedGroup();
    request.reply(new JsonObject()
        .put("ok", joined)
        .put("checks", new JsonObject().put("kafka-group", joined ? "ok" : "not joined yet")));
  }

  @Override
  public Future<?> stop() {
    if (activeLocksTimer >= 0) {
      vertx.cancelTimer(activeLocksTimer);
    }
    Future<Void> loopStopped = loop == null ? Future.succeededFuture() : loop.stop();
    return loopStopped
        .eventually(() -> announcer == null ? Future.succeededFuture() : announcer.close())
        .eventually(() -> redisClient == null ? Future.succeededFuture() : redisClient.close());
  }
}

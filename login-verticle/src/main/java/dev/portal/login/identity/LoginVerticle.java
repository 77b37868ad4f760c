package dev.portal.login.identity;

import com.nimbusds.jose.jwk.ECKey;
import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ServiceEndpoints;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential side of the api role: accounts, password checks, tokens and sessions, answering
 * the gateway over the event bus and recording every registration and login attempt in Kafka.
 */
public final class LoginVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(LoginVerticle.class);
  /** Name under which this component answers health checks (Addresses.health). */
  public static final String HEALTH_COMPONENT = "login";

  private final LoginConfig config;
  private final ServiceEndpoints endpoints;
  private final MeterRegistry registry;
  private final Clock clock;

  private Pool pool;
  private Redis redisClient;
  private EventPublisher publisher;
  private PasswordHashingExecutor hashingExecutor;
  private PasswordHasher hasher;
  private AccountStore accounts;
  private SessionStore sessions;
  private SecurityEventFactory events;
  private AccountService accountService;
  private HealthProbe health;

  public LoginVerticle(LoginConfig config, ServiceEndpoints endpoints, MeterRegistry registry) {
    this(config, endpoints, registry, Clock.systemUTC());
  }

  public LoginVerticle(LoginConfig config, ServiceEndpoints endpoints, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.endpoints = endpoints;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return SchemaMigration.migrate(vertx, endpoints.postgres())
        .compose(v -> openClients())
        .compose(v -> new SigningKeyStore(pool, new SecretSealer(config.keyEncryptionKey()), clock).loadOrCreate())
        .compose(keys -> hasher.prepareDummyHash().map(keys))
        .compose(keys -> bootstrapAdministrator().ensure().map(keys))
        .compose(this::registerConsumers)
        .onSuccess(v -> log.info("Login verticle ready (postgres {}, redis {}, kafka {})",
            endpoints.postgres(), endpoints.redis(), endpoints.kafka().bootstrapServers()))
        .recover(failure -> closeClients().otherwiseEmpty().compose(v -> Future.failedFuture(failure)));
  }

  @Override
  public Future<?> stop() {
    return closeClients();
  }

  private Future<Void> openClients() {
    ServiceEndpoints.Postgres postgres = endpoints.postgres();
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(config.postgresPoolSize()))
        .connectingTo(new PgConnectOptions()
            .setHost(postgres.host())
            .setPort(postgres.port())
            .setDatabase(postgres.database())
            .setUser(postgres.user())
            .setPassword(postgres.password())
            .setCachePreparedStatements(true))
        .using(vertx)
        .build();
    redisClient = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(endpoints.redis().connectionString())
        // a fixed pool name keeps the metric label bounded (Vert.x would pick a random UUID)
        .setPoolName(HEALTH_COMPONENT));
    publisher = EventPublisher.create(vertx, endpoints.kafka().bootstrapServers(), config.publishing(), registry);
    LoginConfig.Hashing hashing = config.hashing();
    hashingExecutor = new PasswordHashingExecutor(vertx, hashing.threads(), hashing.queueCapacity(), registry);
    hasher = new PasswordHasher(Argon2Engine.preferNative(Argon2Parameters.of(hashing)), hashingExecutor, registry);
    accounts = new AccountStore(pool);
    sessions = new SessionStore(RedisAPI.api(redisClient), config.tokens().sessionTtl());
    events = new SecurityEventFactory(clock);
    accountService = new AccountService(pool, accounts, hasher, publisher, events, clock);
    return Future.succeededFuture();
  }

  private BootstrapAdministrator bootstrapAdministrator() {
    return new BootstrapAdministrator(config.bootstrapAdmin(), accounts, accountService, System.out);
  }

  private Future<Void> registerConsumers(List<ECKey> signingKeys) {
    AccessTokenIssuer tokens = new AccessTokenIssuer(signingKeys, config.tokens(), clock);
    LoginService loginService = new LoginService(accounts, hasher, sessions, publisher, tokens,
        new SubjectKeys(config.keyEncryptionKey()), events, registry, clock);
    health = new HealthProbe(vertx, pool, sessions, endpoints.kafka().bootstrapServers(), config.healthProbeTimeout());
    return Future.all(List.of(
            consume(Addresses.IDENTITY_REGISTER, accountService::register),
            consume(Addresses.IDENTITY_LOGIN, loginService::login),
            consume(Addresses.IDENTITY_ACCOUNT, accountService::view),
            consume(Addresses.IDENTITY_JWKS, body -> Future.succeededFuture(tokens.jwks())),
            consume(Addresses.health(HEALTH_COMPONENT), health::check)))
        .mapEmpty();
  }

  private Future<Void> consume(String address, Function<JsonObject, Future<JsonObject>> handler) {
    return vertx.eventBus().<Object>consumer(address, message -> answer(address, message, handler)).completion();
  }

  /** Replies with the handler's result, or with the problem its failure stands for. */
  private static void answer(String address, Message<Object> message, Function<JsonObject, Future<JsonObject>> handler) {
    JsonObject body = message.body() instanceof JsonObject json ? json : new JsonObject();
    Future<JsonObject> reply;
    try {
      reply = handler.apply(body);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onSuccess(message::reply)
        .onFailure(failure -> ProblemException.failMessage(message, FailureProblems.of(address, failure)));
  }

  private Future<Void> closeClients() {
    List<Future<?>> closing = new ArrayList<>();
    if (publisher != null) {
      closing.add(publisher.close());
    }
    if (pool != null) {
      closing.add(pool.close());
    }
    if (health != null) {
      closing.add(health.close());
    }
    if (redisClient != null) {
      closing.add(redisClient.close());
    }
    if (hashingExecutor != null) {
      hashingExecutor.shutdown();
    }
    return Future.join(closing).mapEmpty();
  }
}

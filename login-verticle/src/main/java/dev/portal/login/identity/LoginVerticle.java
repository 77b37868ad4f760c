package dev.portal.login.identity;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.RequestContext;
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
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential side of the api role: accounts, password checks, tokens and sessions, answering
 * the gateway over the event bus and recording every registration and login attempt in Kafka.
 * Several instances may run in one process, each on an event loop of its own, answering the same
 * addresses in turn and sharing one {@link LoginProcess}; the first one alone migrates the schema,
 * prepares the shared dummy hash and ensures the bootstrap administrator.
 */
public final class LoginVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(LoginVerticle.class);
  /** Name under which this component answers health checks (Addresses.health). */
  public static final String HEALTH_COMPONENT = "login";

  private final LoginConfig config;
  private final ServiceEndpoints endpoints;
  private final MeterRegistry registry;
  private final Clock clock;
  private final LoginGuardConfig guardConfig;
  private final LoginProcess process;
  private final boolean ownsProcess;
  private final boolean first;

  private Pool pool;
  private Redis redisClient;
  private Redis guardRedisClient;
  private EventPublisher publisher;
  private PasswordHasher hasher;
  private AccountStore accounts;
  private SessionStore sessions;
  private SecurityEventFactory events;
  private AccountService accountService;
  private HealthProbe health;
  private SigningKeyRotation keyRotation;
  private LoginProcess ownedOrShared;

  public LoginVerticle(LoginConfig config, ServiceEndpoints endpoints, MeterRegistry registry) {
    this(config, endpoints, registry, Clock.systemUTC());
  }

  public LoginVerticle(LoginConfig config, ServiceEndpoints endpoints, MeterRegistry registry, Clock clock) {
    this(config, LoginGuardConfig.fromEnv(Map.of()), endpoints, registry, clock);
  }

  /**
   * The only instance of its process, with a hashing pool of its own.
   *
   * @param guardConfig the brute-force numbers of the login path (the lockout consumer reads the same)
   */
  public LoginVerticle(LoginConfig config, LoginGuardConfig guardConfig, ServiceEndpoints endpoints,
      MeterRegistry registry, Clock clock) {
    this(config, guardConfig, endpoints, registry, clock, null, true);
  }

  /**
   * One of several instances of a process.
   *
   * @param process what the instances share; the caller closes it after the last one stopped
   * @param first whether this instance does the once-per-process start-up duties; it must have started
   *     before the others are deployed
   */
  public LoginVerticle(LoginConfig config, LoginGuardConfig guardConfig, ServiceEndpoints endpoints,
      MeterRegistry registry, Clock clock, LoginProcess process, boolean first) {
    this.config = config;
    this.guardConfig = guardConfig;
    this.endpoints = endpoints;
    this.registry = registry;
    this.clock = clock;
    this.process = process;
    this.ownsProcess = process == null;
    this.first = first;
  }

  @Override
  public Future<?> start() {
    return (first ? SchemaMigration.migrate(vertx, endpoints.postgres()) : Future.<Void>succeededFuture())
        .compose(v -> openClients())
        .compose(v -> keyRotation.start())
        .compose(keys -> first ? hasher.prepareDummyHash().map(keys) : Future.succeededFuture(keys))
        .compose(keys -> first ? bootstrapAdministrator().ensure().map(keys) : Future.succeededFuture(keys))
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
        .setPoolName(HEALTH_COMPONENT)
        .setMaxPoolSize(config.redisPool().maxSize())
        .setMaxPoolWaiting(config.redisPool().maxWaiting()));

    ownedOrShared = ownsProcess ? LoginProcess.create(vertx, config, registry) : process;
    hasher = ownedOrShared.hasher();
    publisher = EventPublisher.create(vertx, endpoints.kafka().bootstrapServers(), config.publishing(),
        ownedOrShared.brokerGate(), registry);
    accounts = new AccountStore(pool);
    sessions = new SessionStore(RedisAPI.api(redisClient), config.tokens());
    LoginConfig.Tokens tokenSettings = config.tokens();
    keyRotation = new SigningKeyRotation(vertx, new SigningKeyStore(pool, new SecretSealer(config.keyEncryptionKey()),
        new SigningKeySchedule(tokenSettings.keyRotation(), tokenSettings.accessTokenTtl(), tokenSettings.clockSkew()),
        clock), tokenSettings.keyRotation().reloadInterval());
    events = new SecurityEventFactory(clock);
    accountService = new AccountService(pool, accounts, hasher, publisher, events, clock);
    return Future.succeededFuture();
  }

  private BootstrapAdministrator bootstrapAdministrator() {
    return new BootstrapAdministrator(config.bootstrapAdmin(), accounts, accountService, System.out);
  }

  private Future<Void> registerConsumers(SigningKeyRing loadedKeys) {
    AccessTokenIssuer tokens = new AccessTokenIssuer(keyRotation::current, config.tokens(), clock);
    DeviceTokens deviceTokens = new DeviceTokens(config.keyEncryptionKey(), guardConfig.deviceTokenTtl(), clock);
    guardRedisClient = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(endpoints.redis().connectionString())
        .setPoolName(HEALTH_COMPONENT + "-guard")
        .setMaxPoolSize(guardConfig.redisPoolSize())
        .setMaxPoolWaiting(guardConfig.redisPoolWaiting()));
    LoginGuard guard = new LoginGuard(vertx, RedisAPI.api(guardRedisClient), guardConfig, publisher, events, registry,
        clock);
    OutgoingNotifications notifications = new OutgoingNotifications(config.notificationSeal(), publisher, clock);
    NewSignInAlerts alerts = new NewSignInAlerts(RedisAPI.api(redisClient), notifications, config.recovery(), clock);
    SessionOpener opener = new SessionOpener(sessions, publisher, tokens, events,
        new SessionEvents(publisher, events, registry), clock, alerts);
    SecondFactorEvents secondFactorEvents = new SecondFactorEvents(publisher, events);
    SecondFactorStore secondFactors = new SecondFactorStore(pool);
    RecoveryCodes recoveryCodes = new RecoveryCodes(config.keyEncryptionKey());
    AuthenticatorCodes authenticator = new AuthenticatorCodes(secondFactors, new SecretSealer(config.keyEncryptionKey()),
        recoveryCodes, RedisAPI.api(redisClient), secondFactorEvents, clock);
    CodeChallenges challenges = new CodeChallenges(RedisAPI.api(redisClient), config.secondFactor(),
        new OneTimeCodes(config.keyEncryptionKey()), secondFactors, authenticator, notifications, secondFactorEvents,
        guard, registry, clock);
    SecondFactorCheck secondFactorCheck = new SecondFactorCheck(authenticator, secondFactorEvents, guard);
    SecondFactorLogin secondFactorLogin = new SecondFactorLogin(challenges, accounts, opener, deviceTokens,
        secondFactorEvents);
    EmailVerificationService verification = new EmailVerificationService(new RecoveryStore(pool), publisher, events,
        notifications, config.recovery(), RedisAPI.api(redisClient), clock);
    LoginService loginService = new LoginService(accounts, hasher, opener, publisher,
        new SubjectKeys(config.keyEncryptionKey()), events, registry, clock, guard, deviceTokens, secondFactorLogin,
        config.secondFactor(), config.recovery(), verification);
    health = new HealthProbe(vertx, pool, sessions, endpoints.kafka().bootstrapServers(), config.healthProbeTimeout());
    return Future.all(List.of(
            consume(Addresses.IDENTITY_LOGIN, loginService::login),
            consume(Addresses.IDENTITY_ACCOUNT, accountService::view),
            consume(Addresses.IDENTITY_JWKS, body -> Future.succeededFuture(tokens.jwks())),
            consume(Addresses.IDENTITY_RESOLVE,
                new IdentifierResolver(accounts, new SubjectKeys(config.keyEncryptionKey()))::resolve),
            consume(Addresses.health(HEALTH_COMPONENT), health::check),
            registerLockoutConsumers(),
            registerSessionConsumers(tokens),
            registerSecondFactorConsumers(secondFactorLogin, challenges, secondFactorCheck, secondFactors,
                authenticator, recoveryCodes, secondFactorEvents, guard),
            registerRecoveryConsumers(new PasswordResetService.SecondFactor(challenges, secondFactorCheck, guard,
                secondFactorEvents), notifications, alerts, verification)))
        .mapEmpty();
  }

  /** Registration with e-mail verification, forgotten and changed passwords (issue 4). */
  private Future<Void> registerRecoveryConsumers(PasswordResetService.SecondFactor secondFactor,
      OutgoingNotifications notifications, NewSignInAlerts alerts, EmailVerificationService verification) {
    RedisAPI redis = RedisAPI.api(redisClient);
    RecoveryStore recoveryStore = new RecoveryStore(pool);
    PasswordReplacement replacement = new PasswordReplacement(recoveryStore, sessions,
        new SessionEvents(publisher, events, registry), publisher, events, notifications, redis, clock);
    PasswordResetService reset = new PasswordResetService(vertx, accounts, recoveryStore,
        new SubjectKeys(config.keyEncryptionKey()), hasher, replacement,
        secondFactor, notifications, publisher, events, redis, config.recovery(), clock);
    PasswordChangeService change = new PasswordChangeService(recoveryStore, hasher, replacement, publisher, events,
        secondFactor.guard());
    return Future.all(List.of(
            consume(Addresses.IDENTITY_REGISTER,
                new AccountRegistration(accountService, verification, alerts)::register),
            consume(Addresses.IDENTITY_EMAIL_VERIFY, verification::verify),
            consume(Addresses.IDENTITY_EMAIL_VERIFICATION_SEND, verification::sendAgain),
            consume(Addresses.IDENTITY_PASSWORD_FORGOT, reset::forgot),
            consume(Addresses.IDENTITY_PASSWORD_RESET, reset::reset),
            consume(Addresses.IDENTITY_PASSWORD_CHANGE, change::change)))
        .mapEmpty();
  }

  private Future<Void> registerSecondFactorConsumers(SecondFactorLogin secondFactorLogin, CodeChallenges challenges,
      SecondFactorCheck secondFactorCheck, SecondFactorStore secondFactors, AuthenticatorCodes authenticator,
      RecoveryCodes recoveryCodes, SecondFactorEvents secondFactorEvents, LoginGuard guard) {
    FreshProof proof = new FreshProof(challenges, secondFactorCheck, hasher, secondFactorEvents, guard);
    SecondFactorService service = new SecondFactorService(secondFactors, challenges, proof, secondFactorEvents,
        config.secondFactor(), clock);
    TotpEnrolment enrolment = new TotpEnrolment(vertx, RedisAPI.api(redisClient), secondFactors, proof,
        new SecretSealer(config.keyEncryptionKey()), recoveryCodes, authenticator, secondFactorEvents,
        config.secondFactor(), clock);
    PhoneVerification phones = new PhoneVerification(challenges, secondFactors, secondFactorEvents, clock);
    return Future.all(List.of(
            consume(Addresses.IDENTITY_MFA_VERIFY, secondFactorLogin::verify),
            consume(Addresses.IDENTITY_MFA_RESEND, secondFactorLogin::resend),
            consume(Addresses.IDENTITY_MFA_STATUS, service::status),
            consume(Addresses.IDENTITY_MFA_STEP_UP, service::stepUp),
            consume(Addresses.IDENTITY_MFA_METHOD, service::changeMethod),
            consume(Addresses.IDENTITY_TOTP_ENROL, enrolment::enrol),
            consume(Addresses.IDENTITY_TOTP_CONFIRM, enrolment::confirm),
            consume(Addresses.IDENTITY_PHONE_SET, phones::set),
            consume(Addresses.IDENTITY_PHONE_VERIFY, phones::verify)))
        .mapEmpty();
  }

  private Future<Void> registerSessionConsumers(AccessTokenIssuer tokens) {
    SessionEvents sessionEvents = new SessionEvents(publisher, events, registry);
    RefreshService refresh = new RefreshService(sessions, tokens, sessionEvents, registry, clock);
    SessionService sessionService = new SessionService(sessions, accounts, sessionEvents, clock);
    AccountStatusService status = new AccountStatusService(accounts, sessions, sessionEvents, clock);
    return Future.all(List.of(
            consume(Addresses.IDENTITY_REFRESH, refresh::refresh),
            consume(Addresses.IDENTITY_LOGOUT, sessionService::logout),
            consume(Addresses.IDENTITY_SESSIONS, sessionService::list),
            consume(Addresses.IDENTITY_SESSION_REVOKE, sessionService::revokeOne),
            consume(Addresses.IDENTITY_SESSIONS_REVOKE_OTHERS, sessionService::revokeOthers),
            consume(Addresses.IDENTITY_ADMIN_REVOKE_SESSIONS, sessionService::adminRevokeAll),
            consume(Addresses.IDENTITY_ADMIN_DISABLE, status::disable),
            consume(Addresses.IDENTITY_ADMIN_ENABLE, status::enable)))
        .mapEmpty();
  }

  private Future<Void> registerLockoutConsumers() {
    LockoutAdministration lockout = new LockoutAdministration(RedisAPI.api(redisClient), accounts, publisher, events,
        guardConfig, clock);
    return Future.all(List.of(
            consume(Addresses.IDENTITY_ADMIN_LOCKOUT, lockout::state),
            consume(Addresses.IDENTITY_ADMIN_UNLOCK, lockout::unlock)))
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
        .onFailure(failure -> ProblemException.failMessage(message,
            FailureProblems.of(address, RequestContext.of(body).requestId(), failure)));
  }

  private Future<Void> closeClients() {
    List<Future<?>> closing = new ArrayList<>();
    if (keyRotation != null) {
      keyRotation.stop();
    }
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
    if (guardRedisClient != null) {
      closing.add(guardRedisClient.close());
    }
    if (ownsProcess && ownedOrShared != null) {
      ownedOrShared.close();
    }
    return Future.join(closing).mapEmpty();
  }
}

package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.ServiceEndpoints;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the backend: routes requests, checks their shape and bearer tokens, and hands
 * the work to the login and audit roles over the event bus. Holds no credential logic and no state
 * beyond a cache of public signing keys; whether a token's session is still live it asks Redis.
 */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final String JSON = "application/json";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String OPENAPI_RESOURCE = "/openapi.yaml";
  /** Statuses the router raises itself when no route matches; all rendered as problems. */
  private static final List<Integer> ROUTER_STATUSES = List.of(400, 404, 405, 406, 413, 415, 500);

  private final GatewayConfig config;
  private final PrometheusMeterRegistry registry;
  private final List<String> healthComponents;
  private final Clock clock;
  private final Function<Vertx, SessionCheck> sessionCheckFactory;

  private Router router;
  private SessionCheck sessionCheck;
  private SessionRoutes sessions;
  private AuditRoutes audit;
  private LockoutRoutes lockout;
  private SecondFactorRoutes secondFactor;
  private ContactRoutes contacts;
  private PasswordRoutes passwords;
  private DevOutboxRoute devOutbox;
  private HttpServer server;
  private JwksCache jwks;
  private AccessTokenVerifier bearer;
  private ReadinessProbe readiness;
  private ProblemRenderer problems;
  private BodyHandler bodyLimit;
  private Buffer openApiDocument;

  /** @param redis where sessions live: every authenticated request checks its session there */
  public GatewayVerticle(GatewayConfig config, PrometheusMeterRegistry registry, List<String> healthComponents,
      ServiceEndpoints.Redis redis) {
    this(config, registry, healthComponents, redis, Clock.systemUTC());
  }

  /** @param clock decides token and session expiry (tests advance it instead of waiting) */
  public GatewayVerticle(GatewayConfig config, PrometheusMeterRegistry registry, List<String> healthComponents,
      ServiceEndpoints.Redis redis, Clock clock) {
    this(config, registry, healthComponents, clock,
        vertx -> new RedisSessionCheck(vertx, redis, config.redisPool(), clock));
  }

  GatewayVerticle(GatewayConfig config, PrometheusMeterRegistry registry, List<String> healthComponents,
      Clock clock, Function<Vertx, SessionCheck> sessionCheckFactory) {
    this.config = config;
    this.registry = registry;
    this.healthComponents = List.copyOf(healthComponents);
    this.clock = clock;
    this.sessionCheckFactory = sessionCheckFactory;
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    wireComponents();
    Route everyRequest = router.route().handler(new RequestContextHandler(config.trustedProxies()))
        .handler(new SecurityHeadersHandler());
    if (config.accessLog()) {
      everyRequest.handler(new AccessLog());
    }
    router.route().failureHandler(problems);

    withJsonBody(router.post("/api/v1/accounts")).handler(this::register);
    withJsonBody(router.post("/api/v1/auth/login")).handler(this::login);
    router.get("/api/v1/me").handler(bearer).handler(this::me);
    router.get("/.well-known/jwks.json").handler(this::jwks);
    router.get("/api/v1/audit/events").handler(bearer).handler(audit::events);
    router.get("/api/v1/audit/stream").handler(bearer).handler(audit::stream);
    router.get("/api/v1/audit/summary").handler(bearer).handler(audit::summary);
    router.get("/api/v1/audit/verify").handler(bearer).handler(audit::verify);
    router.get("/api/v1/me/activity").handler(bearer).handler(audit::activity);
    withJsonBody(router.post("/api/v1/auth/refresh")).handler(sessions::refresh);
    router.post("/api/v1/auth/logout").handler(bearer).handler(sessions::logout);
    router.get("/api/v1/me/sessions").handler(bearer).handler(sessions::list);
    router.post("/api/v1/me/sessions/revoke-others").handler(bearer).handler(sessions::revokeOthers);
    router.delete("/api/v1/me/sessions/:id").handler(bearer).handler(sessions::revokeOne);
    router.post("/api/v1/admin/accounts/:id/sessions/revoke").handler(bearer).handler(sessions::adminRevokeSessions);
    router.post("/api/v1/admin/accounts/:id/disable").handler(bearer).handler(sessions::disableAccount);
    router.post("/api/v1/admin/accounts/:id/enable").handler(bearer).handler(sessions::enableAccount);
    router.get("/api/v1/admin/accounts/:id/lockout").handler(bearer).handler(lockout::state);
    router.post("/api/v1/admin/accounts/:id/unlock").handler(bearer).handler(lockout::unlock);
    withJsonBody(router.post("/api/v1/auth/mfa/verify")).handler(secondFactor::verify);
    withJsonBody(router.post("/api/v1/auth/mfa/resend")).handler(secondFactor::resend);
    router.get("/api/v1/me/mfa").handler(bearer).handler(secondFactor::status);
    withJsonBody(router.put("/api/v1/me/mfa")).handler(bearer).handler(secondFactor::changeMethod);
    router.post("/api/v1/me/mfa/challenge").handler(bearer).handler(secondFactor::stepUp);
    withOptionalJsonBody(router.post("/api/v1/me/mfa/totp")).handler(bearer).handler(secondFactor::enrolTotp);
    withJsonBody(router.post("/api/v1/me/mfa/totp/confirm")).handler(bearer).handler(secondFactor::confirmTotp);
    withJsonBody(router.post("/api/v1/me/phone")).handler(bearer).handler(contacts::setPhone);
    withJsonBody(router.post("/api/v1/me/phone/verify")).handler(bearer).handler(contacts::verifyPhone);
    withJsonBody(router.post("/api/v1/accounts/verify-email")).handler(contacts::verifyEmail);
    router.post("/api/v1/me/email/verification").handler(bearer).handler(contacts::sendEmailVerification);
    withJsonBody(router.post("/api/v1/password/forgot")).handler(passwords::forgot);
    withJsonBody(router.post("/api/v1/password/reset")).handler(passwords::reset);
    withJsonBody(router.post("/api/v1/me/password")).handler(bearer).handler(passwords::change);
    router.get("/api/v1/dev/outbox").handler(devOutbox::list);
    router.get("/api/v1/openapi.yaml").handler(this::openApi);
    router.get("/health/live").handler(this::live);
    router.get("/health/ready").handler(this::ready);
    router.get("/metrics").handler(this::metrics);
    new WebPages(vertx).mount(router);

    ROUTER_STATUSES.forEach(status -> router.errorHandler(status, problems));
    return loadOpenApiDocument().compose(document -> listen());
  }

  @Override
  public Future<?> stop() {
    Future<Void> stopped = server == null ? Future.succeededFuture()
        : server.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    return stopped.eventually(() -> sessionCheck == null ? Future.succeededFuture() : sessionCheck.close());
  }

  /** The port the server listens on; valid once started (useful when the configured port is 0). */
  public int actualPort() {
    if (server == null) {
      throw new IllegalStateException("the gateway has not started");
    }
    return server.actualPort();
  }

  /** The routes served; lets a test hold them against the OpenAPI document. */
  List<Route> routes() {
    return router.getRoutes();
  }

  private void wireComponents() {
    jwks = new JwksCache(vertx, registry, clock, config);
    sessionCheck = sessionCheckFactory.apply(vertx);
    bearer = new AccessTokenVerifier(jwks, sessionCheck, registry, clock, config);
    sessions = new SessionRoutes(this::ask);
    audit = new AuditRoutes(vertx, this::ask, bearer::verify, config.auditStream(), registry, clock);
    lockout = new LockoutRoutes(this::ask);
    RoleRequests roleRequests = new RoleRequests(this::ask);
    secondFactor = new SecondFactorRoutes(roleRequests, config.deviceTokenTtl());
    contacts = new ContactRoutes(roleRequests);
    passwords = new PasswordRoutes(roleRequests);
    devOutbox = new DevOutboxRoute(vertx, config.devOutbox(), config.eventBusTimeout());
    readiness = new ReadinessProbe(vertx, healthComponents, config.healthTimeout(), sessionCheck::ping);
    problems = new ProblemRenderer(registry, config.bodyLimitBytes());
    bodyLimit = BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes());
  }

  // Vert.x requires the body handler ahead of every user handler on a route, so the size limit (413)
  // is checked before the content type (415); either way nothing beyond the limit is buffered.
  private Route withJsonBody(Route route) {
    return route.handler(bodyLimit).handler(JsonRequestBody::requireJsonContentType)
        .handler(JsonRequestBody::parseObject);
  }

  // as above, for a route whose body may be left out (it then stands for {}); a body sent is held to the same rules
  private Route withOptionalJsonBody(Route route) {
    return route.handler(bodyLimit).handler(JsonRequestBody::parseOptionalObject);
  }

  private void register(RoutingContext ctx) {
    ask(Addresses.IDENTITY_REGISTER, withContext(ctx, JsonRequestBody.of(ctx)))
        .compose(account -> {
          ctx.response().putHeader("Location", "/api/v1/me");
          return sendJson(ctx, 201, account);
        })
        .onFailure(ctx::fail);
  }

  // Either tokens (and the device cookie), or a second-factor challenge without tokens and so without a
  // cookie: DeviceCookie sets one only from a reply that carries a device token. Neither may be cached.
  private void login(RoutingContext ctx) {
    ask(Addresses.IDENTITY_LOGIN, withContext(ctx, DeviceCookie.withPresentedToken(ctx, JsonRequestBody.of(ctx))))
        .compose(tokens -> {
          DeviceCookie.set(ctx, tokens, config.deviceTokenTtl());
          ctx.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
          return sendJson(ctx, 200, tokens);
        })
        .onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    JsonObject request = new JsonObject().put("accountId", Principal.of(ctx).accountId());
    ask(Addresses.IDENTITY_ACCOUNT, withContext(ctx, request))
        .compose(account -> sendJson(ctx, 200, account))
        .onFailure(ctx::fail);
  }

  private void jwks(RoutingContext ctx) {
    jwks.current()
        .compose(keys -> ctx.response()
            .putHeader("Content-Type", JSON)
            .putHeader("Cache-Control", "public, max-age=" + jwks.maxAge().toSeconds())
            .end(keys.toString(true)))
        .onFailure(ctx::fail);
  }

  private void openApi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApiDocument);
  }

  private void live(RoutingContext ctx) {
    sendJson(ctx, 200, new JsonObject().put("status", "UP"));
  }

  private void ready(RoutingContext ctx) {
    readiness.check()
        .compose(result -> result.ready()
            ? sendJson(ctx, 200, new JsonObject().put("status", "UP").put("checks", result.checksJson()))
            : Future.failedFuture(new ProblemException(
                Problem.of(ProblemType.UNAVAILABLE, "Not ready: " + result.failureSummary() + ".")
                    .withExtension("checks", result.checksJson()))))
        .onFailure(ctx::fail);
  }

  private void metrics(RoutingContext ctx) {
    // Scraping walks every meter; with JVM and HTTP metrics that is enough CPU to keep off the event loop.
    vertx.executeBlocking(() -> registry.scrape(PROMETHEUS_TEXT))
        .compose(text -> ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(text))
        .onFailure(ctx::fail);
  }

  /** Sends an event-bus request; a failure arrives as the ProblemException the client should see. */
  private Future<JsonObject> ask(String address, JsonObject body) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(config.eventBusTimeout().toMillis());
    return vertx.eventBus().<Object>request(address, body, options)
        .recover(failure -> Future.failedFuture(new ProblemException(ProblemException.fromReplyFailure(failure))))
        .map(Message::body)
        .map(reply -> {
          if (reply instanceof JsonObject json) {
            return json;
          }
          throw new IllegalStateException(address + " replied with a body that is not a JSON object");
        });
  }

  // The context is set last so a client cannot smuggle in its own "context" member.
  private static JsonObject withContext(RoutingContext ctx, JsonObject body) {
    RequestContext context = RequestContextHandler.of(ctx);
    return body.copy().put(RequestContext.FIELD, context.toJson());
  }

  private static Future<Void> sendJson(RoutingContext ctx, int status, JsonObject body) {
    return ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
  }

  private Future<Buffer> loadOpenApiDocument() {
    return vertx.executeBlocking(() -> {
      try (InputStream in = GatewayVerticle.class.getResourceAsStream(OPENAPI_RESOURCE)) {
        if (in == null) {
          throw new IOException("missing classpath resource " + OPENAPI_RESOURCE);
        }
        return Buffer.buffer(in.readAllBytes());
      }
    }).onSuccess(document -> openApiDocument = document);
  }

  private Future<HttpServer> listen() {
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port());
    return vertx.createHttpServer(options)
        .requestHandler(router)
        .listen()
        .onSuccess(started -> {
          server = started;
          LOG.info("Gateway listening on http://{}:{}", config.host(), started.actualPort());
        });
  }
}

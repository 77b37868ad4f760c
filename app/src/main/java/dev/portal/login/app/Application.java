package dev.portal.login.app;

import dev.portal.login.audit.AuditConfig;
import dev.portal.login.audit.AuditConsumerVerticle;
import dev.portal.login.audit.AuditQueryVerticle;
import dev.portal.login.audit.AuditStreamVerticle;
import dev.portal.login.contracts.ServiceEndpoints;
import dev.portal.login.gateway.GatewayConfig;
import dev.portal.login.gateway.GatewayVerticle;
import dev.portal.login.gateway.ManagementConfig;
import dev.portal.login.gateway.ManagementVerticle;
import dev.portal.login.identity.LoginConfig;
import dev.portal.login.identity.LoginGuardConfig;
import dev.portal.login.identity.LoginProcess;
import dev.portal.login.identity.LoginVerticle;
import dev.portal.login.lockout.LockoutConfig;
import dev.portal.login.lockout.LockoutConsumerVerticle;
import dev.portal.login.notification.NotificationConfig;
import dev.portal.login.notification.NotificationConsumerVerticle;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running process: Vert.x with Prometheus metrics, the topics provisioned, then the verticles
 * of the chosen roles deployed one after another, the gateway last so it only takes traffic when
 * everything behind it is up. {@link #close()} undeploys in reverse order.
 */
public final class Application {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  /**
   * A client pool created without a name (e.g. a Redis client) is named with a random UUID by
   * Vert.x; as a label that would make a new series per process start. Such names become "unnamed".
   */
  private static final Pattern RANDOM_NAME =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  static final MeterFilter BOUNDED_POOL_NAMES = MeterFilter.replaceTagValues("pool_name",
      name -> RANDOM_NAME.matcher(name).matches() ? "unnamed" : name);
  /**
   * Two processor meters whose names break Prometheus conventions ({@code promtool check metrics}
   * fails on them): process_cpu_time_ns_total (abbreviated unit) and system_cpu_count (a gauge named
   * like a summary's count). process_cpu_usage and system_cpu_usage stay.
   */
  static final MeterFilter PROMETHEUS_LINT_CLEAN =
      MeterFilter.deny(id -> "process.cpu.time".equals(id.getName()) || "system.cpu.count".equals(id.getName()));

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;
  private final AppConfig config;
  private final ServiceEndpoints endpoints;
  private final Set<Role> roles;
  private final Clock clock;
  private final List<String> deploymentIds = Collections.synchronizedList(new ArrayList<>());
  private GatewayVerticle gateway;
  private ManagementVerticle management;
  private LoginProcess loginProcess;

  private Application(Vertx vertx, PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics, AppConfig config,
      Set<Role> roles, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.registry = registry;
    this.gcMetrics = gcMetrics;
    this.config = config;
    this.endpoints = config.endpoints();
    this.roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
  }

  /**
   * Starts the roles against the endpoints of {@code config} (configured ones, or the embedded
   * services, which the caller has started). {@code config} must already carry KEY_ENCRYPTION_KEY
   * and, for the roles that need it, NOTIFICATION_KEY ({@link AppConfig#withKeys(Set)}).
   */
  public static Future<Application> start(AppConfig config, Set<Role> roles) {
    return start(config, roles, Clock.systemUTC());
  }

  /**
   * As {@link #start(AppConfig, Set)}, with the clock that decides token and session expiry and key
   * rotation in the login verticle and the gateway (tests advance one instead of waiting).
   */
  public static Future<Application> start(AppConfig config, Set<Role> roles, Clock clock) {
    List<String> keys = AppConfig.needsNotificationKey(roles)
        ? List.of(AppConfig.KEY_ENCRYPTION_KEY, AppConfig.NOTIFICATION_KEY) : List.of(AppConfig.KEY_ENCRYPTION_KEY);
    for (String key : keys) {
      if (!config.env().containsKey(key)) {
        return Future.failedFuture(new IllegalStateException(key + " was not resolved"));
      }
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(BOUNDED_POOL_NAMES).meterFilter(PROMETHEUS_LINT_CLEAN);
    JvmGcMetrics gcMetrics = bindJvmMetrics(registry);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
            .setEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    Application application = new Application(vertx, registry, gcMetrics, config, roles, clock);
    // completed outside Vert.x: after a failed start closes Vert.x, no event loop is left to
    // deliver a Vert.x future's result to the caller
    CompletableFuture<Application> started = new CompletableFuture<>();
    application.deployAll()
        .onSuccess(ignored -> started.complete(application))
        .onFailure(failure -> {
          LOG.error("Start-up failed, stopping what was started: {}", failure.getMessage());
          application.close().onSuccess(ignored -> started.completeExceptionally(failure));
        });
    return Future.fromCompletionStage(started);
  }

  private static JvmGcMetrics bindJvmMetrics(PrometheusMeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    return gcMetrics;
  }

  private Future<Void> deployAll() {
    Future<Void> chain = new TopicProvisioner(vertx, endpoints.kafka().bootstrapServers(), config.topics())
        .provision()
        .<Void>mapEmpty();
    for (Deployment deployment : verticlesInDeployOrder()) {
      chain = chain.compose(ignored -> deploy(deployment));
    }
    return chain;
  }

  /** A verticle and how many instances of it to run, each on an event loop of its own. */
  private record Deployment(Supplier<Deployable> verticle, int instances) {
    static Deployment single(Supplier<Deployable> verticle) {
      return new Deployment(verticle, 1);
    }
  }

  /** Consumers first, then the api role: login verticle, audit queries, the live audit feed, and the gateway last. */
  private List<Deployment> verticlesInDeployOrder() {
    Map<String, String> env = config.env();
    List<Deployment> verticles = new ArrayList<>();
    if (roles.contains(Role.LOCKOUT_CONSUMER)) {
      verticles.add(Deployment.single(
          () -> new LockoutConsumerVerticle(LockoutConfig.fromEnv(env), endpoints, registry, clock)));
    }
    if (roles.contains(Role.AUDIT_CONSUMER)) {
      verticles.add(Deployment.single(() -> new AuditConsumerVerticle(AuditConfig.fromEnv(env), endpoints, registry)));
    }
    if (roles.contains(Role.NOTIFICATION_CONSUMER)) {
      verticles.add(Deployment.single(
          () -> new NotificationConsumerVerticle(NotificationConfig.fromEnv(env), endpoints, registry)));
    }
    if (roles.contains(Role.API)) {
      LoginConfig loginConfig = LoginConfig.fromEnv(env).withGeneratedAdminPassword(config.noSetupMode());
      LoginGuardConfig guardConfig = LoginGuardConfig.fromEnv(env);
      loginProcess = LoginProcess.create(vertx, loginConfig, registry);
      // the first instance migrates the schema and ensures the administrator before the others start
      verticles.add(Deployment.single(
          () -> new LoginVerticle(loginConfig, guardConfig, endpoints, registry, clock, loginProcess, true)));
      int moreLogin = DeploymentScale.fromEnv(env).loginInstances() - 1;
      if (moreLogin > 0) {
        verticles.add(new Deployment(
            () -> new LoginVerticle(loginConfig, guardConfig, endpoints, registry, clock, loginProcess, false),
            moreLogin));
      }
      verticles.add(Deployment.single(() -> new AuditQueryVerticle(AuditConfig.fromEnv(env), endpoints)));
      verticles.add(Deployment.single(() -> new AuditStreamVerticle(AuditConfig.fromEnv(env), endpoints)));
      // HTTP parsing, token checks and JSON are per-request CPU: one gateway per event loop spreads them
      // over the cores (the instances share the port); everything they hold is per instance or in Redis
      verticles.add(new Deployment(this::newGateway, gatewayInstances()));
    } else {
      // without the api role nothing serves HTTP: health and metrics get a port of their own
      verticles.add(Deployment.single(() -> management = new ManagementVerticle(
          ManagementConfig.fromEnv(env, config.defaultHttpHost()), registry, healthComponents())));
    }
    return verticles;
  }

  // Instances share a listening port only when it is fixed: with HTTP_PORT=0 each would bind a random
  // port of its own and only one would be known, so a single instance serves.
  private int gatewayInstances() {
    boolean randomPort = GatewayConfig.fromEnv(config.env(), config.defaultHttpHost()).port() == 0;
    return randomPort ? 1 : DeploymentScale.fromEnv(config.env()).gatewayInstances();
  }

  private Deployable newGateway() {
    gateway = new GatewayVerticle(GatewayConfig.fromEnv(config.env(), config.defaultHttpHost()), registry,
        healthComponents(), endpoints.redis(), clock);
    return gateway;
  }

  /** The health addresses the gateway asks: only the components deployed in this process. */
  List<String> healthComponents() {
    return roles.stream().sorted().map(Application::healthComponent).toList();
  }

  static String healthComponent(Role role) {
    return switch (role) {
      case API -> "login";
      case LOCKOUT_CONSUMER -> "lockout-consumer";
      case AUDIT_CONSUMER -> "audit-consumer";
      case NOTIFICATION_CONSUMER -> "notification-consumer";
    };
  }

  private Future<Void> deploy(Deployment deployment) {
    Deployable first = deployment.verticle().get();
    String name = first.getClass().getSimpleName();
    AtomicBoolean firstTaken = new AtomicBoolean();
    Supplier<Deployable> instances = () -> firstTaken.compareAndSet(false, true) ? first : deployment.verticle().get();
    return vertx.deployVerticle(instances, new DeploymentOptions().setInstances(deployment.instances()))
        .onSuccess(id -> LOG.info("Deployed {} ({} instance(s))", name, deployment.instances()))
        .map(id -> {
          deploymentIds.add(id);
          return (Void) null;
        })
        .recover(failure -> Future.failedFuture(new IllegalStateException(name + " failed to start: "
            + failure.getMessage(), failure)));
  }

  /**
   * The one-shot {@code lockout-rebuild} mode: replays the lock history from Kafka into Redis (whether
   * or not Redis still has state; replayed events change nothing twice), then stops Vert.x. Blocks the
   * calling (main) thread; returns the number of events replayed.
   */
  public static long rebuildLockout(AppConfig config, Duration limit) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      return LockoutConsumerVerticle.rebuild(vertx, LockoutConfig.fromEnv(config.env()), config.endpoints(),
              new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC())
          .toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** -1 when this process does not serve HTTP (no api role). */
  public int httpPort() {
    return gateway == null ? -1 : gateway.actualPort();
  }

  /** The port of health and metrics: the gateway's in an api process, else the management server's. */
  public int managementPort() {
    return management == null ? httpPort() : management.actualPort();
  }

  /** The address the gateway is bound to, for banners. */
  public String httpHost() {
    return GatewayConfig.fromEnv(config.env(), config.defaultHttpHost()).host();
  }

  public Set<Role> roles() {
    return roles;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Undeploys in reverse order (the gateway first: it stops accepting and lets in-flight requests
   * finish; then producers flush and consumers commit), then closes Vert.x. Never fails: a
   * component that does not stop cleanly is logged and the rest still stop.
   */
  public Future<Void> close() {
    List<String> reversed;
    synchronized (deploymentIds) {
      reversed = new ArrayList<>(deploymentIds);
      deploymentIds.clear();
    }
    Collections.reverse(reversed);
    Future<Void> undeployed = Future.succeededFuture();
    for (String id : reversed) {
      undeployed = undeployed.compose(ignored -> undeploy(id));
    }
    // completed outside Vert.x, for the same reason as in start()
    CompletableFuture<Void> closed = new CompletableFuture<>();
    undeployed.onSuccess(ignored -> {
      if (loginProcess != null) {
        loginProcess.close();
      }
    }).onSuccess(ignored -> vertx.close().toCompletionStage().whenComplete((done, failure) -> {
      if (failure != null) {
        LOG.warn("Vert.x did not close cleanly: {}", failure.toString());
      }
      gcMetrics.close();
      registry.close();
      closed.complete(null);
    }));
    return Future.fromCompletionStage(closed);
  }

  private Future<Void> undeploy(String id) {
    return vertx.undeploy(id).recover(failure -> {
      LOG.warn("A verticle did not stop cleanly: {}", failure.toString());
      return Future.succeededFuture();
    });
  }
}

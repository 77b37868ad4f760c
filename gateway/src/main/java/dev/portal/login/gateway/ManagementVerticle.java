package dev.portal.login.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a process without the api role (a consumer deployed on its own): liveness,
 * readiness of its components, and Prometheus metrics, so each role can be scraped and probed.
 * Nothing else is served, and problems look like the gateway's.
 */
public final class ManagementVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ManagementVerticle.class);
  /** Request body limit of the problem renderer: management requests carry no body. */
  private static final long NO_BODY = 0;

  private final ManagementConfig config;
  private final PrometheusMeterRegistry registry;
  private final List<String> healthComponents;
  private HttpServer server;

  public ManagementVerticle(ManagementConfig config, PrometheusMeterRegistry registry, List<String> healthComponents) {
    this.config = config;
    this.registry = registry;
    this.healthComponents = List.copyOf(healthComponents);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    ProblemRenderer problems = new ProblemRenderer(registry, NO_BODY);
    router.route().handler(new SecurityHeadersHandler());
    router.route().failureHandler(problems);
    new OperationsRoutes(vertx, registry,
        new ReadinessProbe(vertx, healthComponents, config.healthTimeout(), null)).mount(router);
    List.of(404, 405, 500).forEach(status -> router.errorHandler(status, problems));
    return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
        .requestHandler(router)
        .listen()
        .onSuccess(started -> {
          server = started;
          LOG.info("Management server (health, metrics) on http://{}:{}", config.host(), started.actualPort());
        });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The port it listens on; valid once started. */
  public int actualPort() {
    if (server == null) {
      throw new IllegalStateException("the management server has not started");
    }
    return server.actualPort();
  }
}

package dev.portal.login.gateway;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What operators and orchestrators ask of every process: is it alive, is it ready (each component
 * of the process and its checks), and its Prometheus metrics. Served by the gateway in an api
 * process and by the management server in a consumer-only one, the same way.
 */
final class OperationsRoutes {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final ReadinessProbe readiness;

  OperationsRoutes(Vertx vertx, PrometheusMeterRegistry registry, ReadinessProbe readiness) {
    this.vertx = vertx;
    this.registry = registry;
    this.readiness = readiness;
  }

  void mount(Router router) {
    router.get("/health/live").handler(this::live);
    router.get("/health/ready").handler(this::ready);
    router.get("/metrics").handler(this::metrics);
  }

  private void live(RoutingContext ctx) {
    sendJson(ctx, new JsonObject().put("status", "UP"));
  }

  private void ready(RoutingContext ctx) {
    readiness.check()
        .compose(result -> result.ready()
            ? sendJson(ctx, new JsonObject().put("status", "UP").put("checks", result.checksJson()))
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

  private static Future<Void> sendJson(RoutingContext ctx, JsonObject body) {
    return ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(body.encode());
  }
}

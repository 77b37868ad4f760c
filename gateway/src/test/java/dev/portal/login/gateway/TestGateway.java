package dev.portal.login.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real gateway on a free port plus an HTTP client pointed at it; the roles behind it are test consumers. */
final class TestGateway {
  static final String ISSUER = "login-backend";
  static final String AUDIENCE = "portal";
  static final int BODY_LIMIT = 16_384;

  final GatewayVerticle verticle;
  final PrometheusMeterRegistry registry;
  final WebClient client;
  final FakeSessionCheck sessions;

  private TestGateway(GatewayVerticle verticle, PrometheusMeterRegistry registry, WebClient client,
      FakeSessionCheck sessions) {
    this.verticle = verticle;
    this.registry = registry;
    this.client = client;
    this.sessions = sessions;
  }

  static Future<TestGateway> start(Vertx vertx, List<String> healthComponents) {
    return start(vertx, healthComponents, Map.of());
  }

  static Future<TestGateway> start(Vertx vertx, List<String> healthComponents, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(Map.of(
        "HTTP_PORT", "0",
        "HTTP_BODY_LIMIT_BYTES", Integer.toString(BODY_LIMIT),
        "EVENTBUS_TIMEOUT_MS", "2000",
        "HEALTH_TIMEOUT_MS", "500",
        "TOKEN_ISSUER", ISSUER,
        "TOKEN_AUDIENCE", AUDIENCE));
    env.putAll(extraEnv);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FakeSessionCheck sessions = new FakeSessionCheck();
    GatewayVerticle verticle = new GatewayVerticle(GatewayConfig.fromEnv(env, "127.0.0.1"), registry,
        healthComponents, Clock.systemUTC(), ignored -> sessions);
    return vertx.deployVerticle(verticle).map(id -> new TestGateway(verticle, registry,
        WebClient.create(vertx, new WebClientOptions()
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(verticle.actualPort())), sessions));
  }
}

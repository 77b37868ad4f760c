package dev.portal.login.identity;

import dev.portal.login.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers the gateway's readiness question for this component: can it reach PostgreSQL, Redis and
 * Kafka right now. Each probe is bounded so the answer always comes within about the timeout.
 * Kafka is asked through an admin client because the producer answers metadata from its cache
 * and would report a stopped broker as healthy.
 */
final class HealthProbe {
  static final String OK = "ok";
  private static final int MAX_DETAIL_LENGTH = 120;

  private final Pool pool;
  private final SessionStore sessions;
  private final KafkaAdminClient kafkaAdmin;
  private final Duration timeout;

  HealthProbe(Vertx vertx, Pool pool, SessionStore sessions, String kafkaBootstrapServers, Duration timeout) {
    this.pool = pool;
    this.sessions = sessions;
    this.timeout = timeout;
    String millis = Long.toString(timeout.toMillis());
    this.kafkaAdmin = KafkaAdminClient.create(vertx, Map.of(
        "bootstrap.servers", kafkaBootstrapServers,
        "request.timeout.ms", millis,
        "default.api.timeout.ms", millis));
  }

  /** {"ok": true|false, "checks": {"postgres": "ok"|why, "redis": ..., "kafka": ...}}. */
  Future<JsonObject> check(JsonObject ignoredBody) {
    Future<String> postgres = probe(pool.query(IdentitySql.PING).execute().mapEmpty());
    Future<String> redis = probe(sessions.ping());
    Future<String> kafka = probe(kafkaAdmin.describeTopics(List.of(Topics.LOGIN_EVENTS))
        .compose(topics -> topics.containsKey(Topics.LOGIN_EVENTS) ? Future.succeededFuture()
            : Future.failedFuture(new IllegalStateException("topic " + Topics.LOGIN_EVENTS + " missing"))));
    // each probe already turned its failure into a description, so this always succeeds
    return Future.all(postgres, redis, kafka).map(all -> {
      JsonObject checks = new JsonObject()
          .put("postgres", postgres.result())
          .put("redis", redis.result())
          .put("kafka", kafka.result());
      boolean ok = checks.stream().allMatch(entry -> OK.equals(entry.getValue()));
      return new JsonObject().put("ok", ok).put("checks", checks);
    });
  }

  Future<Void> close() {
    return kafkaAdmin.close();
  }

  private Future<String> probe(Future<?> probe) {
    return probe.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .map(v -> OK)
        .otherwise(HealthProbe::describe);
  }

  private static String describe(Throwable failure) {
    if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
      return "timed out";
    }
    String detail = failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    return detail.length() > MAX_DETAIL_LENGTH ? detail.substring(0, MAX_DETAIL_LENGTH) : detail;
  }
}

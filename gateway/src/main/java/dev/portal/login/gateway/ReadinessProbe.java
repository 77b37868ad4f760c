package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Asks every component of this process whether it can do its work, all at once, each within the
 * health timeout; a component that does not answer in time counts as failing. The gateway's own
 * session-store connection is checked too, as component {@value #GATEWAY} with check {@code redis}
 * (a management server without one passes no ping, and the component is left out).
 */
final class ReadinessProbe {
  static final String OK = "ok";
  private static final String NO_ANSWER_CHECK = "eventbus";
  private static final String DETAIL = "detail";
  static final String GATEWAY = "gateway";

  private final Vertx vertx;
  private final List<String> components;
  private final Duration timeout;
  private final Supplier<Future<Void>> sessionStorePing;

  /** @param sessionStorePing null when this process holds no session store of its own */
  ReadinessProbe(Vertx vertx, List<String> components, Duration timeout, Supplier<Future<Void>> sessionStorePing) {
    this.vertx = vertx;
    this.components = List.copyOf(components);
    this.timeout = timeout;
    this.sessionStorePing = sessionStorePing;
  }

  /** What each component said: its name and check results. */
  record Readiness(Map<String, ComponentHealth> components) {
    boolean ready() {
      return components.values().stream().allMatch(ComponentHealth::ok);
    }

    JsonObject checksJson() {
      JsonObject json = new JsonObject();
      components.forEach((name, health) -> json.put(name, health.checks()));
      return json;
    }

    /** For example "login (postgres, redis); audit-consumer (no answer)". */
    String failureSummary() {
      return components.entrySet().stream()
          .filter(entry -> !entry.getValue().ok())
          .map(entry -> entry.getKey() + " (" + String.join(", ", entry.getValue().failingChecks()) + ")")
          .collect(Collectors.joining("; "));
    }
  }

  record ComponentHealth(boolean ok, JsonObject checks) {
    List<String> failingChecks() {
      List<String> failing = checks.stream()
          .filter(check -> !OK.equals(check.getValue()))
          .map(check -> NO_ANSWER_CHECK.equals(check.getKey()) || DETAIL.equals(check.getKey())
              ? String.valueOf(check.getValue()) : check.getKey())
          .toList();
      return failing.isEmpty() ? List.of("not ok") : failing;
    }
  }

  Future<Readiness> check() {
    List<Future<ComponentHealth>> answers = components.stream().map(this::ask).toList();
    Future<ComponentHealth> own = ownHealth();
    return Future.all(Stream.concat(answers.stream(), Stream.of(own)).toList()).map(all -> {
      Map<String, ComponentHealth> byName = new LinkedHashMap<>();
      for (int i = 0; i < components.size(); i++) {
        byName.put(components.get(i), answers.get(i).result());
      }
      if (sessionStorePing != null) {
        byName.put(GATEWAY, own.result());
      }
      return new Readiness(byName);
    });
  }

  // a failure of its own is a check result, never a failed future, so it is named in the summary
  private Future<ComponentHealth> ownHealth() {
    if (sessionStorePing == null) {
      return Future.succeededFuture(new ComponentHealth(true, new JsonObject()));
    }
    return sessionStorePing.get()
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .map(pong -> new ComponentHealth(true, new JsonObject().put("redis", OK)))
        .otherwise(failure -> new ComponentHealth(false,
            new JsonObject().put("redis", "unreachable (" + failure.getClass().getSimpleName() + ")")));
  }

  private Future<ComponentHealth> ask(String component) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
    return vertx.eventBus().<Object>request(Addresses.health(component), new JsonObject(), options)
        .map(Message::body)
        .map(ReadinessProbe::toHealth)
        .recover(failure -> Future.succeededFuture(
            new ComponentHealth(false, new JsonObject().put(NO_ANSWER_CHECK, "no answer"))));
  }

  // Accepts both {ok, checks:{...}} and the older {ok, detail} reply shape.
  private static ComponentHealth toHealth(Object body) {
    if (!(body instanceof JsonObject reply)) {
      return new ComponentHealth(false, new JsonObject().put("reply", "not a JSON object"));
    }
    JsonObject checks = reply.getValue("checks") instanceof JsonObject given ? given.copy() : new JsonObject();
    if (checks.isEmpty() && reply.getValue(DETAIL) != null) {
      checks.put(DETAIL, String.valueOf(reply.getValue(DETAIL)));
    }
    return new ComponentHealth(Boolean.TRUE.equals(reply.getValue("ok")), checks);
  }
}

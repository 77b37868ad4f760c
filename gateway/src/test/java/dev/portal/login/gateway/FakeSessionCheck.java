package dev.portal.login.gateway;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The session store as a test sets it: every session is live unless the test says otherwise. */
final class FakeSessionCheck implements SessionCheck {
  private final Map<String, SessionState> states = new ConcurrentHashMap<>();
  private final AtomicInteger checks = new AtomicInteger();
  private volatile boolean unreachable;

  void set(String sessionId, SessionState state) {
    states.put(sessionId, state);
  }

  void unreachable() {
    unreachable = true;
  }

  int checks() {
    return checks.get();
  }

  @Override
  public Future<SessionState> check(String sessionId, String accountId) {
    checks.incrementAndGet();
    if (unreachable) {
      return Future.failedFuture(new IllegalStateException("connection refused"));
    }
    return Future.succeededFuture(states.getOrDefault(sessionId, SessionState.LIVE));
  }

  @Override
  public Future<Void> ping() {
    return unreachable ? Future.failedFuture(new IllegalStateException("connection refused")) : Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}

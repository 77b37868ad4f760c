package dev.portal.login.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's view of the signing keys current: reads (and when due, rotates) them at
 * start and then on a timer, so a key created by any instance is published here well before it
 * signs. A failed reload keeps the keys already held; tokens keep being issued and verified.
 */
final class SigningKeyRotation {
  private static final Logger log = LoggerFactory.getLogger(SigningKeyRotation.class);

  private final Vertx vertx;
  private final SigningKeyStore store;
  private final Duration reloadInterval;
  private volatile SigningKeyRing ring;
  private long timerId = -1;

  SigningKeyRotation(Vertx vertx, SigningKeyStore store, Duration reloadInterval) {
    this.vertx = vertx;
    this.store = store;
    this.reloadInterval = reloadInterval;
  }

  /** Loads the keys (creating the first when there is none) and starts the reload timer. */
  Future<SigningKeyRing> start() {
    return store.maintain().onSuccess(loaded -> {
      ring = loaded;
      timerId = vertx.setPeriodic(reloadInterval.toMillis(), id -> reload());
    });
  }

  SigningKeyRing current() {
    return ring;
  }

  void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  private void reload() {
    store.maintain()
        .onSuccess(loaded -> ring = loaded)
        .onFailure(failure -> log.warn("Reloading signing keys failed; keeping the keys held: {}",
            failure.toString()));
  }
}

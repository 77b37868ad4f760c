package dev.portal.login.identity;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * What every login-verticle instance of one process shares: the password-hashing threads and their
 * queue bound. Argon2id is sized to the process's cores, however many event loops the login work is
 * spread over, so the instances hash on one pool with one bound (and one queue-depth gauge) instead of
 * a pool each that together would oversubscribe the cores.
 */
public final class LoginProcess {
  private final PasswordHashingExecutor executor;
  private final PasswordHasher hasher;

  private LoginProcess(PasswordHashingExecutor executor, PasswordHasher hasher) {
    this.executor = executor;
    this.hasher = hasher;
  }

  /** The hashing pool of {@code config} (HASH_THREADS, HASH_QUEUE_CAPACITY and the argon2id cost). */
  public static LoginProcess create(Vertx vertx, LoginConfig config, MeterRegistry registry) {
    LoginConfig.Hashing hashing = config.hashing();
    PasswordHashingExecutor executor =
        new PasswordHashingExecutor(vertx, hashing.threads(), hashing.queueCapacity(), registry);
    return new LoginProcess(executor,
        new PasswordHasher(Argon2Engine.preferNative(Argon2Parameters.of(hashing)), executor, registry));
  }

  PasswordHasher hasher() {
    return hasher;
  }

  /** After the last instance has stopped. */
  public void close() {
    executor.shutdown();
  }
}

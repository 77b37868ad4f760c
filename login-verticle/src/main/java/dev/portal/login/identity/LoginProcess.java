package dev.portal.login.identity;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * What every login-verticle instance of one process shares: the password-hashing threads and their
 * queue bound, and what the process knows of Kafka's reachability. Argon2id is sized to the process's
 * cores, however many event loops the login work is spread over, so the instances hash on one pool
 * with one bound (and one queue-depth gauge) instead of a pool each that together would oversubscribe
 * the cores; and a broker outage is one fact for all of them, noticed once and ended once.
 */
public final class LoginProcess {
  private final PasswordHashingExecutor executor;
  private final PasswordHasher hasher;
  private final BrokerOutageGate brokerGate;

  private LoginProcess(PasswordHashingExecutor executor, PasswordHasher hasher, BrokerOutageGate brokerGate) {
    this.executor = executor;
    this.hasher = hasher;
    this.brokerGate = brokerGate;
  }

  /** The hashing pool of {@code config} (HASH_THREADS, HASH_QUEUE_CAPACITY, the argon2id cost, KAFKA_OUTAGE_COOLDOWN_MS). */
  public static LoginProcess create(Vertx vertx, LoginConfig config, MeterRegistry registry) {
    LoginConfig.Hashing hashing = config.hashing();
    PasswordHashingExecutor executor =
        new PasswordHashingExecutor(vertx, hashing.threads(), hashing.queueCapacity(), registry);
    return new LoginProcess(executor,
        new PasswordHasher(Argon2Engine.preferNative(Argon2Parameters.of(hashing)), executor, registry),
        new BrokerOutageGate(config.publishing().outageCoolDown()));
  }

  BrokerOutageGate brokerGate() {
    return brokerGate;
  }

  PasswordHasher hasher() {
    return hasher;
  }

  /** After the last instance has stopped. */
  public void close() {
    executor.shutdown();
  }
}

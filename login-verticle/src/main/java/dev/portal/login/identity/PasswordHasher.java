package dev.portal.login.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Hashes and verifies passwords off the event loop. For an identifier that matches no account it
 * verifies against a dummy hash with the same parameters, so the answer takes as long as a real
 * wrong password and reveals nothing.
 */
public final class PasswordHasher {
  private static final int DUMMY_PASSWORD_BYTES = 24;

  private final Argon2Engine engine;
  private final PasswordHashingExecutor executor;
  private final Counter verifications;
  private volatile String dummyHash;

  public PasswordHasher(Argon2Engine engine, PasswordHashingExecutor executor, MeterRegistry registry) {
    this.engine = engine;
    this.executor = executor;
    this.verifications = Counter.builder("auth.password.verifications")
        .description("Password verifications performed, dummy ones for unknown identifiers included")
        .register(registry);
  }

  /** Computes the dummy hash; call once at start, before the first login. */
  public Future<Void> prepareDummyHash() {
    byte[] random = new byte[DUMMY_PASSWORD_BYTES];
    new SecureRandom().nextBytes(random);
    String throwaway = Base64.getEncoder().encodeToString(random);
    return hash(throwaway).map(hash -> {
      dummyHash = hash;
      return null;
    });
  }

  /** Fails with 503 overloaded at once when the hashing queue is full (see PasswordHashingExecutor#refuseIfFull). */
  public Future<Void> refuseIfBusy() {
    return executor.refuseIfFull();
  }

  /** @param password the NFKC form, as validated */
  public Future<String> hash(String password) {
    return executor.submit(() -> withBytes(password, engine::hash));
  }

  /**
   * @param storedHash null when the identifier matched no account: the dummy hash is verified
   *     instead and the answer is always false
   */
  public Future<Boolean> verify(String storedHash, String password) {
    String target = storedHash != null ? storedHash : dummyHash;
    if (target == null) {
      return Future.failedFuture(new IllegalStateException("prepareDummyHash() was not called"));
    }
    return executor.submit(() -> {
      verifications.increment();
      boolean matches = withBytes(password, bytes -> engine.verify(target, bytes));
      return matches && storedHash != null;
    });
  }

  private static <T> T withBytes(String password, java.util.function.Function<byte[], T> use) {
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    try {
      return use.apply(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}

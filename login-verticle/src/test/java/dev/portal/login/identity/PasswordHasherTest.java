package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PasswordHasherTest {

  @Test
  @DisplayName("a stored hash verifies its own password only, and an unknown account still costs a verification"
      + " but never matches")
  void verifiesAndSpendsWorkOnUnknownAccounts(Vertx vertx, VertxTestContext testContext) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PasswordHashingExecutor executor = new PasswordHashingExecutor(vertx, 1, 4, registry);
    PasswordHasher hasher = new PasswordHasher(
        new BouncyCastleArgon2Engine(new Argon2Parameters(64, 1, 1)), executor, registry);
    hasher.prepareDummyHash()
        .compose(v -> hasher.hash("kata sandi rahasia"))
        .compose(hash -> hasher.verify(hash, "kata sandi rahasia")
            .compose(right -> hasher.verify(hash, "Kata sandi rahasia")
                .compose(wrong -> hasher.verify(null, "kata sandi rahasia")
                    .map(unknown -> new boolean[] {right, wrong, unknown}))))
        .onComplete(testContext.succeeding(results -> testContext.verify(() -> {
          assertTrue(results[0]);
          assertFalse(results[1]);
          assertFalse(results[2]);
          assertEquals(3.0, registry.get("auth.password.verifications").counter().count());
          executor.shutdown();
          testContext.completeNow();
        })));
  }
}

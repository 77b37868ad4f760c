package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import dev.portal.login.contracts.Addresses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The JWKS cache")
class JwksCacheTest {

  /** A clock the test moves by hand, so the refresh interval is tested without waiting. */
  private static final class SettableClock extends Clock {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  @DisplayName("fetches a rotated-in key for an unknown kid, but at most once per refresh interval")
  void refreshesForUnknownKidAtMostOncePerInterval(Vertx vertx, VertxTestContext testContext) {
    ECKey oldKey = TestTokens.newKey("old");
    ECKey newKey = TestTokens.newKey("new");
    AtomicReference<List<ECKey>> published = new AtomicReference<>(List.of(oldKey));
    AtomicInteger fetches = new AtomicInteger();
    vertx.eventBus().consumer(Addresses.IDENTITY_JWKS, message -> {
      fetches.incrementAndGet();
      message.reply(TestTokens.jwksWithPrivateParts(published.get().toArray(ECKey[]::new)));
    });
    SettableClock clock = new SettableClock();
    JwksCache cache = new JwksCache(vertx, new SimpleMeterRegistry(), clock, GatewayConfig.fromEnv(Map.of(), "127.0.0.1"));

    cache.keyFor("old")
        .compose(first -> {
          testContext.verify(() -> assertTrue(first.isPresent()));
          published.set(List.of(oldKey, newKey));
          clock.advance(Duration.ofSeconds(5));
          return cache.keyFor("new");
        })
        .compose(tooSoon -> {
          testContext.verify(() -> {
            assertFalse(tooSoon.isPresent(), "refetched within the interval");
            assertEquals(1, fetches.get());
          });
          clock.advance(Duration.ofSeconds(6));
          return cache.keyFor("new");
        })
        .compose(afterInterval -> {
          testContext.verify(() -> {
            assertTrue(afterInterval.isPresent());
            assertEquals(2, fetches.get());
          });
          return cache.keyFor("old");
        })
        .onComplete(testContext.succeeding(known -> testContext.verify(() -> {
          assertTrue(known.isPresent());
          assertEquals(2, fetches.get(), "a known kid needs no fetch");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("answers concurrent first requests with one fetch")
  void sharesOneFetch(Vertx vertx, VertxTestContext testContext) {
    AtomicInteger fetches = new AtomicInteger();
    ECKey key = TestTokens.newKey("k");
    vertx.eventBus().consumer(Addresses.IDENTITY_JWKS, message -> {
      fetches.incrementAndGet();
      message.reply(TestTokens.jwksWithPrivateParts(key));
    });
    JwksCache cache = new JwksCache(vertx, new SimpleMeterRegistry(), Clock.systemUTC(),
        GatewayConfig.fromEnv(Map.of(), "127.0.0.1"));
    vertx.runOnContext(ignored -> Future.all(cache.keyFor("k"), cache.keyFor("k"), cache.current())
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertEquals(1, fetches.get());
          testContext.completeNow();
        }))));
  }
}

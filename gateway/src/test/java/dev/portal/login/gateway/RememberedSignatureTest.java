package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.jwk.ECKey;
import dev.portal.login.contracts.Addresses;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A token whose signature the gateway already checked")
class RememberedSignatureTest {
  private static final String ACCOUNT_ID = UUID.randomUUID().toString();

  private final ECKey firstKey = TestTokens.newKey("key-1");
  private final ECKey nextKey = TestTokens.newKey("key-2");
  private final AtomicReference<ECKey> published = new AtomicReference<>(firstKey);
  private final SettableClock clock = new SettableClock(Instant.now());
  private final FakeSessionCheck sessions = new FakeSessionCheck();
  private AccessTokenVerifier verifier;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext testContext) {
    vertx.eventBus().consumer(Addresses.IDENTITY_JWKS,
        message -> message.reply(TestTokens.jwksWithPrivateParts(published.get())));
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_ACCOUNT,
        message -> message.reply(new JsonObject().put("id", message.body().getString("accountId"))));
    GatewayConfig config = GatewayConfig.fromEnv(Map.of("HTTP_PORT", "0", "JWKS_REFRESH_MIN_INTERVAL_MS", "0",
        "TOKEN_ISSUER", TestGateway.ISSUER, "TOKEN_AUDIENCE", TestGateway.AUDIENCE), "127.0.0.1");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayVerticle gateway = new GatewayVerticle(config, registry, List.of(), clock, ignored -> sessions);
    verifier = new AccessTokenVerifier(new JwksCache(vertx, registry, clock, config), sessions, registry, clock,
        config);
    vertx.deployVerticle(gateway).onComplete(testContext.succeeding(id -> {
      client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(gateway.actualPort()));
      testContext.completeNow();
    }));
  }

  private String token(ECKey key) {
    return TestTokens.sign(key, TestTokens.claims(ACCOUNT_ID, List.of("user"))
        .issueTime(Date.from(clock.instant()))
        .expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(5)))).build());
  }

  private Future<HttpResponse<Buffer>> getMe(String token) {
    return client.get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send();
  }

  @Test
  @DisplayName("is remembered, and every further request with it still asks the session store")
  void rememberedButSessionCheckedEachTime(Vertx vertx, VertxTestContext testContext) {
    String token = token(firstKey);
    vertx.runOnContext(ignored -> verifier.verify("Bearer " + token)
        .compose(first -> verifier.verify("Bearer " + token))
        .compose(second -> verifier.verify("Bearer " + token))
        .onComplete(testContext.succeeding(principal -> testContext.verify(() -> {
          assertEquals(ACCOUNT_ID, principal.accountId());
          assertEquals(1, verifier.rememberedTokens());
          assertEquals(3, sessions.checks());
          testContext.completeNow();
        }))));
  }

  @Test
  @DisplayName("is refused as expired once its exp passes, though its signature was remembered")
  void rememberedThenExpired(VertxTestContext testContext) {
    String token = token(firstKey);
    getMe(token)
        .compose(first -> {
          testContext.verify(() -> assertEquals(200, first.statusCode(), first.bodyAsString()));
          clock.advance(Duration.ofMinutes(10));
          return getMe(token);
        })
        .onComplete(testContext.succeeding(second -> testContext.verify(() -> {
          assertEquals(401, second.statusCode());
          assertEquals("The access token has expired.", second.bodyAsJsonObject().getString("detail"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("is refused once the key that signed it is no longer published")
  void rememberedThenKeyWithdrawn(VertxTestContext testContext) {
    String old = token(firstKey);
    getMe(old)
        .compose(first -> {
          testContext.verify(() -> assertEquals(200, first.statusCode(), first.bodyAsString()));
          published.set(nextKey);
          // a token under the new kid makes the gateway fetch the key set, which no longer holds key-1
          return getMe(token(nextKey));
        })
        .compose(fresh -> {
          testContext.verify(() -> assertEquals(200, fresh.statusCode(), fresh.bodyAsString()));
          return getMe(old);
        })
        .onComplete(testContext.succeeding(again -> testContext.verify(() -> {
          assertEquals(401, again.statusCode());
          assertEquals("The access token is not valid.", again.bodyAsJsonObject().getString("detail"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("memory is bounded: the least recently used token is forgotten first")
  void boundedLeastRecentlyUsed() {
    VerifiedTokens tokens = new VerifiedTokens(2);
    VerifiedTokens.Verified verified = new VerifiedTokens.Verified("key-1", firstKey.toPublicJWK(), null);
    tokens.remember("a", verified);
    tokens.remember("b", verified);
    tokens.get("a");
    tokens.remember("c", verified);
    assertEquals(2, tokens.size());
    assertEquals(verified, tokens.get("a"));
    assertEquals(null, tokens.get("b"));
    assertEquals(verified, tokens.get("c"));
  }

  /** A clock the test moves by hand. */
  private static final class SettableClock extends Clock {
    private final AtomicReference<Instant> now;

    SettableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration by) {
      now.updateAndGet(instant -> instant.plus(by));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}

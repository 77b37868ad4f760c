package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.PlainJWT;
import dev.portal.login.contracts.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Bearer-protected routes")
class BearerTokenTest {
  private static final String ACCOUNT_ID = UUID.randomUUID().toString();

  private final ECKey publishedKey = TestTokens.newKey("key-1");
  private final AtomicReference<JsonObject> lastAccountRequest = new AtomicReference<>();
  private final AtomicReference<JsonObject> lastAuditRequest = new AtomicReference<>();
  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext testContext) {
    vertx.eventBus().consumer(Addresses.IDENTITY_JWKS,
        message -> message.reply(TestTokens.jwksWithPrivateParts(publishedKey)));
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_ACCOUNT, message -> {
      lastAccountRequest.set(message.body());
      message.reply(new JsonObject().put("id", message.body().getString("accountId")).put("username", "siti"));
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_QUERY, message -> {
      lastAuditRequest.set(message.body());
      message.reply(new JsonObject().put("items", new JsonArray()).putNull("nextCursor"));
    });
    TestGateway.start(vertx, List.of()).onComplete(testContext.succeeding(started -> {
      gateway = started;
      testContext.completeNow();
    }));
  }

  private Future<HttpResponse<Buffer>> getMe(String token) {
    return gateway.client.get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send();
  }

  private static void assertUnauthorized(HttpResponse<Buffer> response, String detail) {
    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals("Bearer", response.getHeader("WWW-Authenticate"));
    assertEquals("/problems/unauthorized", response.bodyAsJsonObject().getString("type"));
    assertEquals(detail, response.bodyAsJsonObject().getString("detail"));
  }

  @Test
  @DisplayName("/me without a token answers 401 missing with WWW-Authenticate: Bearer")
  void missingToken(VertxTestContext testContext) {
    gateway.client.get("/api/v1/me").send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertUnauthorized(response, "The access token is missing.");
          assertNull(lastAccountRequest.get());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("/me with a token signed by a published key answers 200 with the account of its subject")
  void validToken(VertxTestContext testContext) {
    getMe(TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("user")).build()))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals(ACCOUNT_ID, response.bodyAsJsonObject().getString("id"));
          assertEquals(ACCOUNT_ID, lastAccountRequest.get().getString("accountId"));
          assertEquals("no-store", response.getHeader("Cache-Control"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a token signed by a key that is not published, under a published kid, answers 401 invalid")
  void foreignKey(VertxTestContext testContext) {
    ECKey impostor = TestTokens.newKey("key-1");
    getMe(TestTokens.sign(impostor, TestTokens.claims(ACCOUNT_ID, List.of("user")).build()))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertUnauthorized(response, "The access token is not valid.");
          assertNull(lastAccountRequest.get());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a token naming an unknown kid answers 401 invalid")
  void unknownKid(VertxTestContext testContext) {
    getMe(TestTokens.sign(TestTokens.newKey("key-9"), TestTokens.claims(ACCOUNT_ID, List.of("user")).build()))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertUnauthorized(response, "The access token is not valid.");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("an expired token answers 401 expired")
  void expiredToken(VertxTestContext testContext) {
    Date anHourAgo = Date.from(Instant.now().minusSeconds(3600));
    getMe(TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("user"))
        .expirationTime(anHourAgo).build()))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertUnauthorized(response, "The access token has expired.");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a token that expired within the clock skew is still accepted")
  void expiredWithinSkew(VertxTestContext testContext) {
    Date justNow = Date.from(Instant.now().minusSeconds(5));
    getMe(TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("user"))
        .expirationTime(justNow).build()))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a token for another audience answers 401 invalid")
  void wrongAudience(VertxTestContext testContext) {
    getMe(TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("user"))
        .audience("another-portal").build()))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertUnauthorized(response, "The access token is not valid.");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a token from another issuer answers 401 invalid")
  void wrongIssuer(VertxTestContext testContext) {
    getMe(TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("user"))
        .issuer("someone-else").build()))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertUnauthorized(response, "The access token is not valid.");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("an unsigned token (alg none) answers 401 invalid")
  void unsignedToken(VertxTestContext testContext) {
    String unsigned = new PlainJWT(TestTokens.claims(ACCOUNT_ID, List.of("admin")).build())
        .serialize();
    getMe(unsigned)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertUnauthorized(response, "The access token is not valid.");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("the audit search with role user answers 403 forbidden")
  void auditForbiddenForUser(VertxTestContext testContext) {
    String token = TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("user")).build());
    gateway.client.get("/api/v1/audit/events").putHeader("Authorization", "Bearer " + token).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(403, response.statusCode());
          assertEquals("/problems/forbidden", response.bodyAsJsonObject().getString("type"));
          assertNull(lastAuditRequest.get());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("the audit search with role security answers 200 and forwards the checked filters")
  void auditForSecurity(VertxTestContext testContext) {
    String token = TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("user", "security")).build());
    gateway.client.get("/api/v1/audit/events").putHeader("Authorization", "Bearer " + token)
        .addQueryParam("accountId", ACCOUNT_ID).addQueryParam("type", "login.failed").addQueryParam("cursor", "abc_-9")
        .send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals(0, response.bodyAsJsonObject().getJsonArray("items").size());
          JsonObject query = lastAuditRequest.get();
          assertEquals(ACCOUNT_ID, query.getString("accountId"));
          assertEquals("login.failed", query.getString("type"));
          assertEquals(50, query.getInteger("limit"));
          assertEquals("abc_-9", query.getString("cursor"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("audit filters of the wrong shape answer 400 naming every bad parameter")
  void auditBadFilters(VertxTestContext testContext) {
    String token = TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("admin")).build());
    gateway.client.get("/api/v1/audit/events").putHeader("Authorization", "Bearer " + token)
        .addQueryParam("accountId", "not-a-uuid").addQueryParam("type", "DROP TABLE")
        .addQueryParam("limit", "1001").addQueryParam("cursor", "a/b")
        .send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(400, response.statusCode());
          List<String> fields = response.bodyAsJsonObject().getJsonArray("errors").stream()
              .map(error -> ((JsonObject) error).getString("field")).toList();
          assertEquals(List.of("accountId", "type", "cursor", "limit"), fields);
          assertNull(lastAuditRequest.get());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("an undecodable query string answers 400 as a problem, not 500")
  void auditUndecodableQuery(VertxTestContext testContext) {
    String token = TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, List.of("security")).build());
    gateway.client.get("/api/v1/audit/events?type=%zz").putHeader("Authorization", "Bearer " + token).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(400, response.statusCode(), response.bodyAsString());
          assertEquals("application/problem+json", response.getHeader("Content-Type"));
          assertNull(lastAuditRequest.get());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("the JWKS endpoint serves only the public parts of the keys, cacheable for five minutes")
  void jwksPublicOnly(VertxTestContext testContext) {
    gateway.client.get("/.well-known/jwks.json").send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode());
          assertEquals("public, max-age=300", response.getHeader("Cache-Control"));
          JsonObject key = response.bodyAsJsonObject().getJsonArray("keys").getJsonObject(0);
          assertEquals("key-1", key.getString("kid"));
          assertEquals(publishedKey.getX().toString(), key.getString("x"));
          assertFalse(key.containsKey("d"));
          testContext.completeNow();
        })));
  }
}

package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Sessions at the gateway")
class SessionRoutesTest {
  private static final String ACCOUNT_ID = UUID.randomUUID().toString();
  private static final String SESSION_ID = UUID.randomUUID().toString();

  private final ECKey publishedKey = TestTokens.newKey("key-1");
  /** The last request each login-role address received. */
  private final Map<String, JsonObject> received = new ConcurrentHashMap<>();
  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext testContext) {
    vertx.eventBus().consumer(Addresses.IDENTITY_JWKS,
        message -> message.reply(TestTokens.jwksWithPrivateParts(publishedKey)));
    answer(vertx, Addresses.IDENTITY_ACCOUNT, new JsonObject().put("id", ACCOUNT_ID));
    answer(vertx, Addresses.IDENTITY_REFRESH, new JsonObject().put("access_token", "a").put("token_type", "Bearer")
        .put("expires_in", 300).put("refresh_token", "r"));
    answer(vertx, Addresses.IDENTITY_LOGOUT, new JsonObject());
    answer(vertx, Addresses.IDENTITY_SESSIONS, new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("id", SESSION_ID).put("current", true))));
    answer(vertx, Addresses.IDENTITY_SESSIONS_REVOKE_OTHERS, new JsonObject());
    answer(vertx, Addresses.IDENTITY_ADMIN_DISABLE, new JsonObject());
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_SESSION_REVOKE, message -> {
      received.put(Addresses.IDENTITY_SESSION_REVOKE, message.body());
      ProblemException.failMessage(message, Problem.of(ProblemType.NOT_FOUND, "You have no such session."));
    });
    TestGateway.start(vertx, List.of()).onComplete(testContext.succeeding(started -> {
      gateway = started;
      testContext.completeNow();
    }));
  }

  private void answer(Vertx vertx, String address, JsonObject reply) {
    vertx.eventBus().<JsonObject>consumer(address, message -> {
      received.put(address, message.body());
      message.reply(reply);
    });
  }

  private String token(List<String> roles) {
    return TestTokens.sign(publishedKey, TestTokens.claims(ACCOUNT_ID, roles).claim("sid", SESSION_ID).build());
  }

  private HttpRequest<Buffer> withToken(HttpRequest<Buffer> request, List<String> roles) {
    return request.putHeader("Authorization", "Bearer " + token(roles));
  }

  private Future<HttpResponse<Buffer>> getMe() {
    return withToken(gateway.client.get("/api/v1/me"), List.of("user")).send();
  }

  @Test
  @DisplayName("a token whose session has ended is refused with 401 and never reaches the login role")
  void endedSessionRefused(VertxTestContext testContext) {
    gateway.sessions.set(SESSION_ID, SessionState.ENDED);
    getMe().onComplete(testContext.succeeding(response -> testContext.verify(() -> {
      assertEquals(401, response.statusCode());
      assertEquals("/problems/unauthorized", response.bodyAsJsonObject().getString("type"));
      assertEquals("The session of this access token has ended.", response.bodyAsJsonObject().getString("detail"));
      assertNull(received.get(Addresses.IDENTITY_ACCOUNT));
      assertEquals(1, gateway.sessions.checks());
      testContext.completeNow();
    })));
  }

  @Test
  @DisplayName("an idle-expired session answers 401 session-expired saying it was inactivity")
  void idleExpired(VertxTestContext testContext) {
    gateway.sessions.set(SESSION_ID, SessionState.IDLE_EXPIRED);
    getMe().onComplete(testContext.succeeding(response -> testContext.verify(() -> {
      assertEquals(401, response.statusCode());
      assertEquals("/problems/session-expired", response.bodyAsJsonObject().getString("type"));
      assertEquals("The session expired after a period without activity. Sign in again.",
          response.bodyAsJsonObject().getString("detail"));
      assertEquals("Bearer", response.getHeader("WWW-Authenticate"));
      testContext.completeNow();
    })));
  }

  @Test
  @DisplayName("a session past its absolute lifetime answers 401 session-expired saying so")
  void absoluteExpired(VertxTestContext testContext) {
    gateway.sessions.set(SESSION_ID, SessionState.ABSOLUTE_EXPIRED);
    getMe().onComplete(testContext.succeeding(response -> testContext.verify(() -> {
      assertEquals("/problems/session-expired", response.bodyAsJsonObject().getString("type"));
      assertEquals("The session reached its maximum lifetime. Sign in again.",
          response.bodyAsJsonObject().getString("detail"));
      testContext.completeNow();
    })));
  }

  @Test
  @DisplayName("when the session store cannot answer, an authenticated request gets 503, never accepted unchecked")
  void storeUnreachable(VertxTestContext testContext) {
    gateway.sessions.unreachable();
    getMe().onComplete(testContext.succeeding(response -> testContext.verify(() -> {
      assertEquals(503, response.statusCode());
      assertEquals("/problems/unavailable", response.bodyAsJsonObject().getString("type"));
      assertNull(received.get(Addresses.IDENTITY_ACCOUNT));
      testContext.completeNow();
    })));
  }

  @Test
  @DisplayName("a signed token without a session id is refused as invalid")
  void tokenWithoutSid(VertxTestContext testContext) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder(TestTokens.claims(ACCOUNT_ID, List.of("user")).build())
        .claim("sid", null).build();
    gateway.client.get("/api/v1/me").putHeader("Authorization", "Bearer " + TestTokens.sign(publishedKey, claims))
        .send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(401, response.statusCode());
          assertEquals("The access token is not valid.", response.bodyAsJsonObject().getString("detail"));
          assertEquals(0, gateway.sessions.checks());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("logout names the caller's account and session from the token, not the body, and answers 204")
  void logout(VertxTestContext testContext) {
    withToken(gateway.client.post("/api/v1/auth/logout"), List.of("user"))
        .sendJsonObject(new JsonObject().put("accountId", UUID.randomUUID().toString()))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(204, response.statusCode());
          JsonObject request = received.get(Addresses.IDENTITY_LOGOUT);
          assertEquals(ACCOUNT_ID, request.getString("accountId"));
          assertEquals(SESSION_ID, request.getString("sessionId"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("refresh forwards the refresh token with the request context and answers no-store")
  void refresh(VertxTestContext testContext) {
    gateway.client.post("/api/v1/auth/refresh")
        .sendJsonObject(new JsonObject().put("refresh_token", "abc").put("context", new JsonObject().put("ip", "1.2.3.4")))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals("no-store", response.getHeader("Cache-Control"));
          assertEquals("r", response.bodyAsJsonObject().getString("refresh_token"));
          JsonObject request = received.get(Addresses.IDENTITY_REFRESH);
          assertEquals("abc", request.getString("refresh_token"));
          assertEquals("127.0.0.1", request.getJsonObject("context").getString("ip"), "no smuggled context");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("the session list is a JSON array of the login role's items")
  void listSessions(VertxTestContext testContext) {
    withToken(gateway.client.get("/api/v1/me/sessions"), List.of("user")).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode());
          JsonArray items = response.bodyAsJsonArray();
          assertEquals(SESSION_ID, items.getJsonObject(0).getString("id"));
          assertEquals(SESSION_ID, received.get(Addresses.IDENTITY_SESSIONS).getString("sessionId"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("deleting a session that is not the caller's answers 404, the target taken from the path")
  void revokeForeignSession(VertxTestContext testContext) {
    String target = UUID.randomUUID().toString();
    withToken(gateway.client.delete("/api/v1/me/sessions/" + target), List.of("user")).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(404, response.statusCode());
          JsonObject request = received.get(Addresses.IDENTITY_SESSION_REVOKE);
          assertEquals(target, request.getString("targetSessionId"));
          assertEquals(ACCOUNT_ID, request.getString("accountId"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("revoke-others answers 204 and keeps the caller's own session id in the request")
  void revokeOthers(VertxTestContext testContext) {
    withToken(gateway.client.post("/api/v1/me/sessions/revoke-others"), List.of("user")).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(204, response.statusCode());
          assertEquals(SESSION_ID, received.get(Addresses.IDENTITY_SESSIONS_REVOKE_OTHERS).getString("sessionId"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("disabling an account needs the admin role: a security officer gets 403 and nothing is asked")
  void disableNeedsAdmin(VertxTestContext testContext) {
    String target = UUID.randomUUID().toString();
    withToken(gateway.client.post("/api/v1/admin/accounts/" + target + "/disable"), List.of("user", "security"))
        .send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(403, response.statusCode());
          assertNull(received.get(Addresses.IDENTITY_ADMIN_DISABLE));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("an administrator disables an account: 204, with the administrator as actor and the path's account")
  void disableAsAdmin(VertxTestContext testContext) {
    String target = UUID.randomUUID().toString();
    withToken(gateway.client.post("/api/v1/admin/accounts/" + target + "/disable"), List.of("admin")).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(204, response.statusCode());
          JsonObject request = received.get(Addresses.IDENTITY_ADMIN_DISABLE);
          assertEquals(target, request.getString("accountId"));
          assertEquals(ACCOUNT_ID, request.getString("actorAccountId"));
          testContext.completeNow();
        })));
  }
}

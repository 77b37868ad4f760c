package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Problem responses")
class ProblemResponsesTest {
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final JsonObject CREDENTIALS = new JsonObject().put("identifier", "siti").put("password", "x");

  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext testContext) {
    TestGateway.start(vertx, List.of()).onComplete(testContext.succeeding(started -> {
      gateway = started;
      testContext.completeNow();
    }));
  }

  @Test
  @DisplayName("a client that closes its connection halfway through its body is no internal error: nothing is counted or logged as one")
  void clientGoingAwayIsNoError(Vertx vertx, VertxTestContext testContext) {
    vertx.createNetClient().connect(gateway.verticle.actualPort(), "127.0.0.1")
        .compose(socket -> socket.write("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"identifier\":")
            .compose(written -> socket.close()))
        .onComplete(testContext.succeeding(closed -> vertx.setTimer(300, waited -> testContext.verify(() -> {
          assertEquals(null, gateway.registry.find("gateway.problems").tag("type", "internal").counter(),
              "no internal problem counted");
          testContext.completeNow();
        }))));
  }

  @Test
  @DisplayName("an unknown path answers 404 as a problem, with the security headers")
  void unknownRoute(VertxTestContext testContext) {
    gateway.client.get("/api/v1/nothing-here").send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(404, response.statusCode());
          assertEquals("application/problem+json", response.getHeader("Content-Type"));
          assertEquals("/problems/not-found", response.bodyAsJsonObject().getString("type"));
          assertEquals("nosniff", response.getHeader("X-Content-Type-Options"));
          assertEquals("DENY", response.getHeader("X-Frame-Options"));
          assertEquals("no-referrer", response.getHeader("Referrer-Policy"));
          assertEquals("default-src 'none'; frame-ancestors 'none'", response.getHeader("Content-Security-Policy"));
          assertEquals("no-store", response.getHeader("Cache-Control"));
          assertNotNull(response.getHeader("X-Request-Id"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a known path with the wrong method answers 405 as a problem")
  void wrongMethod(VertxTestContext testContext) {
    gateway.client.delete("/api/v1/accounts").send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(405, response.statusCode());
          assertEquals("/problems/method-not-allowed", response.bodyAsJsonObject().getString("type"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a problem from the login role passes through unchanged, with Retry-After")
  void problemPassThrough(Vertx vertx, VertxTestContext testContext) {
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_LOGIN, message -> ProblemException.failMessage(message,
        Problem.of(ProblemType.OVERLOADED, "Too many logins at once.").withRetryAfter(3)));
    gateway.client.post("/api/v1/auth/login").sendJsonObject(CREDENTIALS)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(503, response.statusCode());
          assertEquals("3", response.getHeader("Retry-After"));
          JsonObject problem = response.bodyAsJsonObject();
          assertEquals("/problems/overloaded", problem.getString("type"));
          assertEquals("Too many logins at once.", problem.getString("detail"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("every second-factor and password problem keeps its status, type, extension and Retry-After")
  void accountSecurityProblems(Vertx vertx, VertxTestContext testContext) {
    List<Problem> problems = List.of(
        Problem.of(ProblemType.INVALID_CODE, "The code is not correct.").withExtension("attemptsLeft", 2),
        Problem.of(ProblemType.CHALLENGE_EXPIRED, "Log in again.").withExtension("hint", "login"),
        Problem.of(ProblemType.INVALID_TOKEN, "The link was used.").withExtension("hint", "forgot"),
        Problem.of(ProblemType.PASSWORD_POLICY, "Too short.").withExtension("rule", "too-short"),
        Problem.of(ProblemType.STEP_UP_REQUIRED, "Confirm first.").withExtension("required", "password"),
        Problem.of(ProblemType.EMAIL_NOT_VERIFIED, "Verify first.").withExtension("hint", "verify"),
        Problem.of(ProblemType.RATE_LIMITED, "Wait.").withExtension("hint", "resend").withRetryAfter(60));
    AtomicInteger next = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_LOGIN,
        message -> ProblemException.failMessage(message, problems.get(next.getAndIncrement())));
    Future<List<HttpResponse<Buffer>>> all = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < problems.size(); i++) {
      all = all.compose(responses -> gateway.client.post("/api/v1/auth/login").sendJsonObject(CREDENTIALS)
          .map(response -> {
            responses.add(response);
            return responses;
          }));
    }
    all.onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
      for (int i = 0; i < problems.size(); i++) {
        Problem sent = problems.get(i);
        HttpResponse<Buffer> response = responses.get(i);
        assertEquals(sent.type().status(), response.statusCode(), sent.type().slug());
        assertEquals(PROBLEM_JSON, response.getHeader("Content-Type"));
        JsonObject body = response.bodyAsJsonObject();
        assertEquals(sent.type().uri(), body.getString("type"));
        assertEquals(sent.detail(), body.getString("detail"));
        sent.extensions().forEach(member -> assertEquals(member.getValue(), body.getValue(member.getKey())));
      }
      assertEquals(401, responses.get(0).statusCode());
      assertEquals(410, responses.get(1).statusCode());
      assertEquals("60", responses.get(6).getHeader("Retry-After"));
      testContext.completeNow();
    })));
  }

  @Test
  @DisplayName("field errors from the login role reach the client as validation-failed with the fields")
  void validationPassThrough(Vertx vertx, VertxTestContext testContext) {
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_REGISTER, message -> ProblemException.failMessage(message,
        Problem.validation(List.of(new Problem.FieldError("email", "must be an e-mail address")))));
    gateway.client.post("/api/v1/accounts").sendJsonObject(new JsonObject().put("email", "nope"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(400, response.statusCode());
          assertEquals("email",
              response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("with no login role listening the answer is 503 unavailable")
  void noHandler(VertxTestContext testContext) {
    gateway.client.post("/api/v1/auth/login").sendJsonObject(CREDENTIALS)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(503, response.statusCode());
          assertEquals("/problems/unavailable", response.bodyAsJsonObject().getString("type"));
          assertNotNull(response.getHeader("Retry-After"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("an unexpected failure answers 500 internal without echoing its text")
  void unexpectedFailure(Vertx vertx, VertxTestContext testContext) {
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_LOGIN,
        message -> message.fail(500, "NullPointerException at SecretTable row 7"));
    gateway.client.post("/api/v1/auth/login").sendJsonObject(CREDENTIALS)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(500, response.statusCode());
          assertEquals("/problems/internal", response.bodyAsJsonObject().getString("type"));
          assertFalse(response.bodyAsString().contains("SecretTable"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a successful login answers 200 with the tokens and forbids caching them")
  void loginNotCached(Vertx vertx, VertxTestContext testContext) {
    vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_LOGIN, message -> message.reply(new JsonObject()
        .put("access_token", "a.b.c").put("token_type", "Bearer").put("expires_in", 300).put("refresh_token", "r")));
    gateway.client.post("/api/v1/auth/login").sendJsonObject(CREDENTIALS)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode());
          assertEquals("a.b.c", response.bodyAsJsonObject().getString("access_token"));
          assertEquals("no-store", response.getHeader("Cache-Control"));
          assertEquals("no-cache", response.getHeader("Pragma"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a well-formed X-Request-Id is echoed and a malformed one is replaced")
  void requestIds(VertxTestContext testContext) {
    String tooLong = "r".repeat(65);
    gateway.client.get("/health/live").putHeader("X-Request-Id", "abc-123_x.y").send()
        .compose(echoed -> gateway.client.get("/health/live").putHeader("X-Request-Id", "bad id\"<>").send()
            .compose(replaced -> gateway.client.get("/health/live").putHeader("X-Request-Id", tooLong).send()
                .map(longOne -> List.of(echoed, replaced, longOne))))
        .onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
          assertEquals("abc-123_x.y", responses.get(0).getHeader("X-Request-Id"));
          String generated = responses.get(1).getHeader("X-Request-Id");
          assertNotNull(generated);
          assertFalse(generated.contains(" "));
          assertFalse(responses.get(2).getHeader("X-Request-Id").equals(tooLong));
          assertEquals(36, responses.get(2).getHeader("X-Request-Id").length());
          testContext.completeNow();
        })));
  }
}

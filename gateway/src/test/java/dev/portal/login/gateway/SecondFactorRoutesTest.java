package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Second factor at the gateway")
class SecondFactorRoutesTest {
  private static final JsonObject TOKENS = new JsonObject().put("access_token", "a.b.c").put("token_type", "Bearer")
      .put("expires_in", 300).put("refresh_token", "r").put("device_token", "device-1");
  private static final JsonObject CHALLENGE = new JsonObject().put("challenge_id", "ch-1").put("channel", "email")
      .put("expires_in", 300);

  private FakeRoles roles;
  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext testContext) {
    roles = new FakeRoles(vertx)
        .reply(Addresses.IDENTITY_MFA_VERIFY, TOKENS)
        .reply(Addresses.IDENTITY_MFA_RESEND, CHALLENGE.copy().put("resends_left", 2))
        .reply(Addresses.IDENTITY_MFA_STATUS, new JsonObject().put("method", "email").put("email_verified", true)
            .put("phone", null).put("phone_verified", false).put("recovery_codes_left", 0))
        .reply(Addresses.IDENTITY_MFA_STEP_UP, CHALLENGE)
        .reply(Addresses.IDENTITY_TOTP_ENROL, new JsonObject().put("secret", "JBSWY3DPEHPK3PXP")
            .put("otpauth_uri", "otpauth://totp/Portal:siti?secret=JBSWY3DPEHPK3PXP")
            .put("qr_png", "data:image/png;base64,AA"))
        .reply(Addresses.IDENTITY_TOTP_CONFIRM, new JsonObject().put("method", "totp")
            .put("recovery_codes", new JsonArray().add("abcde-fghij")))
        .reply(Addresses.IDENTITY_MFA_METHOD, new JsonObject().put("method", "sms"));
    TestGateway.start(vertx, List.of()).onComplete(testContext.succeeding(started -> {
      gateway = started;
      testContext.completeNow();
    }));
  }

  @Test
  @DisplayName("a login that needs a second factor answers 200 with the challenge, no device cookie and no-store")
  void loginAsksForSecondFactor(VertxTestContext testContext) {
    roles.reply(Addresses.IDENTITY_LOGIN, new JsonObject().put("mfa_required", true).put("challenge_id", "ch-1")
        .put("channel", "sms").put("expires_in", 300).put("destination", "+62******7890"));
    gateway.client.post("/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("identifier", "siti").put("password", "correct horse battery"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertTrue(response.bodyAsJsonObject().getBoolean("mfa_required"));
          assertEquals("ch-1", response.bodyAsJsonObject().getString("challenge_id"));
          assertFalse(response.bodyAsJsonObject().containsKey("access_token"));
          assertTrue(response.cookies().isEmpty(), "no device cookie before the second factor");
          assertEquals("no-store", response.getHeader("Cache-Control"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a login with tokens sets the HttpOnly device cookie from the reply")
  void loginSetsDeviceCookie(VertxTestContext testContext) {
    roles.reply(Addresses.IDENTITY_LOGIN, TOKENS);
    gateway.client.post("/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("identifier", "siti").put("password", "correct horse battery"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode());
          String cookie = response.cookies().get(0);
          assertTrue(cookie.startsWith("device_token=device-1"), cookie);
          assertTrue(cookie.toLowerCase(Locale.ROOT).contains("; httponly"), cookie);
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("verify hands challenge, code and the device cookie to the login role and answers tokens, no-store")
  void verify(VertxTestContext testContext) {
    gateway.client.post("/api/v1/auth/mfa/verify").putHeader("Cookie", "device_token=device-0")
        .sendJsonObject(new JsonObject().put("challenge_id", "ch-1").put("code", "123456")
            .put("accountId", "someone-else"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals("a.b.c", response.bodyAsJsonObject().getString("access_token"));
          assertEquals("no-store", response.getHeader("Cache-Control"));
          assertEquals("no-cache", response.getHeader("Pragma"));
          assertTrue(response.cookies().get(0).startsWith("device_token=device-1"));
          JsonObject request = roles.received(Addresses.IDENTITY_MFA_VERIFY);
          assertEquals("ch-1", request.getString("challenge_id"));
          assertEquals("123456", request.getString("code"));
          assertEquals("device-0", request.getString("device_token"));
          assertNull(request.getString("accountId"), "a client cannot name an account");
          assertEquals("127.0.0.1", request.getJsonObject("context").getString("ip"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a wrong code answers 401 invalid-code with the attempts left, and sets no cookie")
  void wrongCode(VertxTestContext testContext) {
    roles.fail(Addresses.IDENTITY_MFA_VERIFY,
        Problem.of(ProblemType.INVALID_CODE, "The code is not correct.").withExtension("attemptsLeft", 3));
    gateway.client.post("/api/v1/auth/mfa/verify")
        .sendJsonObject(new JsonObject().put("challenge_id", "ch-1").put("code", "000000"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(401, response.statusCode());
          assertEquals("/problems/invalid-code", response.bodyAsJsonObject().getString("type"));
          assertEquals(3, response.bodyAsJsonObject().getInteger("attemptsLeft"));
          assertTrue(response.cookies().isEmpty());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a burned or expired challenge answers 410 challenge-expired")
  void burnedChallenge(VertxTestContext testContext) {
    roles.fail(Addresses.IDENTITY_MFA_VERIFY, Problem.of(ProblemType.CHALLENGE_EXPIRED, "Log in again."));
    gateway.client.post("/api/v1/auth/mfa/verify")
        .sendJsonObject(new JsonObject().put("challenge_id", "ch-1").put("code", "000000"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(410, response.statusCode());
          assertEquals("/problems/challenge-expired", response.bodyAsJsonObject().getString("type"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("resend answers 202 with what the login role says, and 429 with Retry-After when too soon")
  void resend(VertxTestContext testContext) {
    JsonObject body = new JsonObject().put("challenge_id", "ch-1");
    gateway.client.post("/api/v1/auth/mfa/resend").sendJsonObject(body)
        .compose(accepted -> {
          roles.fail(Addresses.IDENTITY_MFA_RESEND,
              Problem.of(ProblemType.RATE_LIMITED, "Wait before asking again.").withRetryAfter(42));
          return gateway.client.post("/api/v1/auth/mfa/resend").sendJsonObject(body)
              .map(refused -> List.of(accepted, refused));
        })
        .onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
          assertEquals(202, responses.get(0).statusCode());
          assertEquals(2, responses.get(0).bodyAsJsonObject().getInteger("resends_left"));
          assertEquals("ch-1", roles.received(Addresses.IDENTITY_MFA_RESEND).getString("challenge_id"));
          assertEquals(429, responses.get(1).statusCode());
          assertEquals("42", responses.get(1).getHeader("Retry-After"));
          assertEquals("/problems/rate-limited", responses.get(1).bodyAsJsonObject().getString("type"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("the status of the caller's second factor is asked for the token's account")
  void status(VertxTestContext testContext) {
    roles.authenticated(gateway.client.get("/api/v1/me/mfa")).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals("email", response.bodyAsJsonObject().getString("method"));
          assertEquals(FakeRoles.ACCOUNT_ID, roles.received(Addresses.IDENTITY_MFA_STATUS).getString("accountId"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a step-up challenge answers 201 with the challenge")
  void stepUp(VertxTestContext testContext) {
    roles.authenticated(gateway.client.post("/api/v1/me/mfa/challenge")).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(201, response.statusCode(), response.bodyAsString());
          assertEquals("ch-1", response.bodyAsJsonObject().getString("challenge_id"));
          assertEquals(FakeRoles.ACCOUNT_ID, roles.received(Addresses.IDENTITY_MFA_STEP_UP).getString("accountId"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("authenticator enrolment carries the proof to the login role, returns the secret and forbids caching it")
  void enrolTotp(VertxTestContext testContext) {
    roles.authenticated(gateway.client.post("/api/v1/me/mfa/totp"))
        .sendJsonObject(new JsonObject().put("password", "correct horse battery").put("accountId", "someone-else"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals("JBSWY3DPEHPK3PXP", response.bodyAsJsonObject().getString("secret"));
          assertEquals("no-store", response.getHeader("Cache-Control"));
          assertEquals("no-cache", response.getHeader("Pragma"));
          JsonObject request = roles.received(Addresses.IDENTITY_TOTP_ENROL);
          assertEquals(FakeRoles.ACCOUNT_ID, request.getString("accountId"));
          assertEquals("correct horse battery", request.getString("password"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("authenticator enrolment without a body still reaches the login role, which decides what proof is missing")
  void enrolTotpWithoutBody(VertxTestContext testContext) {
    roles.fail(Addresses.IDENTITY_TOTP_ENROL, Problem.of(ProblemType.STEP_UP_REQUIRED, "Confirm with your password.")
        .withExtension("required", "password"));
    roles.authenticated(gateway.client.post("/api/v1/me/mfa/totp")).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(403, response.statusCode(), response.bodyAsString());
          assertEquals("/problems/step-up-required", response.bodyAsJsonObject().getString("type"));
          assertEquals("password", response.bodyAsJsonObject().getString("required"));
          JsonObject request = roles.received(Addresses.IDENTITY_TOTP_ENROL);
          assertEquals(FakeRoles.ACCOUNT_ID, request.getString("accountId"));
          assertFalse(request.containsKey("password"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("confirming the authenticator names the token's account, never the body's, and returns recovery codes")
  void confirmTotp(VertxTestContext testContext) {
    roles.authenticated(gateway.client.post("/api/v1/me/mfa/totp/confirm"))
        .sendJsonObject(new JsonObject().put("code", "654321").put("accountId", "someone-else"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals("abcde-fghij", response.bodyAsJsonObject().getJsonArray("recovery_codes").getString(0));
          assertEquals("no-store", response.getHeader("Cache-Control"));
          JsonObject request = roles.received(Addresses.IDENTITY_TOTP_CONFIRM);
          assertEquals(FakeRoles.ACCOUNT_ID, request.getString("accountId"));
          assertEquals("654321", request.getString("code"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a method change carries the proof to the login role and answers the new method")
  void changeMethod(VertxTestContext testContext) {
    roles.authenticated(gateway.client.put("/api/v1/me/mfa"))
        .sendJsonObject(new JsonObject().put("method", "sms").put("challenge_id", "ch-1").put("code", "123456"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals("sms", response.bodyAsJsonObject().getString("method"));
          JsonObject request = roles.received(Addresses.IDENTITY_MFA_METHOD);
          assertEquals("sms", request.getString("method"));
          assertEquals("ch-1", request.getString("challenge_id"));
          assertEquals(FakeRoles.SESSION_ID, request.getString("sessionId"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a method change without a fresh proof answers 403 step-up-required naming what is needed")
  void changeMethodNeedsStepUp(VertxTestContext testContext) {
    roles.fail(Addresses.IDENTITY_MFA_METHOD, Problem.of(ProblemType.STEP_UP_REQUIRED, "Confirm with a code first.")
        .withExtension("required", "second-factor"));
    roles.authenticated(gateway.client.put("/api/v1/me/mfa")).sendJsonObject(new JsonObject().put("method", "none"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(403, response.statusCode());
          assertEquals("/problems/step-up-required", response.bodyAsJsonObject().getString("type"));
          assertEquals("second-factor", response.bodyAsJsonObject().getString("required"));
          testContext.completeNow();
        })));
  }
}

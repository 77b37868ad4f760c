package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Contacts and passwords at the gateway")
class ContactAndPasswordRoutesTest {
  private static final JsonObject DONE = new JsonObject();

  private FakeRoles roles;
  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext testContext) {
    roles = new FakeRoles(vertx)
        .reply(Addresses.IDENTITY_PHONE_SET, new JsonObject().put("challenge_id", "ch-9").put("channel", "sms")
            .put("expires_in", 300))
        .reply(Addresses.IDENTITY_PHONE_VERIFY, DONE)
        .reply(Addresses.IDENTITY_EMAIL_VERIFY, DONE)
        .reply(Addresses.IDENTITY_EMAIL_VERIFICATION_SEND, DONE)
        .reply(Addresses.IDENTITY_PASSWORD_FORGOT, new JsonObject().put("whatever", "the role says"))
        .reply(Addresses.IDENTITY_PASSWORD_RESET, DONE)
        .reply(Addresses.IDENTITY_PASSWORD_CHANGE, DONE);
    TestGateway.start(vertx, List.of()).onComplete(testContext.succeeding(started -> {
      gateway = started;
      testContext.completeNow();
    }));
  }

  @Test
  @DisplayName("setting a phone number answers 202 with the SMS challenge, for the token's account")
  void setPhone(VertxTestContext testContext) {
    roles.authenticated(gateway.client.post("/api/v1/me/phone"))
        .sendJsonObject(new JsonObject().put("phone", "+6281234567890"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(202, response.statusCode(), response.bodyAsString());
          assertEquals("ch-9", response.bodyAsJsonObject().getString("challenge_id"));
          JsonObject request = roles.received(Addresses.IDENTITY_PHONE_SET);
          assertEquals("+6281234567890", request.getString("phone"));
          assertEquals(FakeRoles.ACCOUNT_ID, request.getString("accountId"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("verifying the phone answers 204 with no body")
  void verifyPhone(VertxTestContext testContext) {
    roles.authenticated(gateway.client.post("/api/v1/me/phone/verify"))
        .sendJsonObject(new JsonObject().put("challenge_id", "ch-9").put("code", "123456"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(204, response.statusCode(), response.bodyAsString());
          assertNull(response.body());
          JsonObject request = roles.received(Addresses.IDENTITY_PHONE_VERIFY);
          assertEquals("123456", request.getString("code"));
          assertEquals(FakeRoles.ACCOUNT_ID, request.getString("accountId"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("an e-mail verification token answers 204, and an unknown or used one 410 invalid-token")
  void verifyEmail(VertxTestContext testContext) {
    JsonObject body = new JsonObject().put("token", "t0k3n");
    gateway.client.post("/api/v1/accounts/verify-email").sendJsonObject(body)
        .compose(verified -> {
          roles.fail(Addresses.IDENTITY_EMAIL_VERIFY, Problem.of(ProblemType.INVALID_TOKEN, "The link was used."));
          return gateway.client.post("/api/v1/accounts/verify-email").sendJsonObject(body)
              .map(used -> List.of(verified, used));
        })
        .onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
          assertEquals(204, responses.get(0).statusCode());
          assertEquals("t0k3n", roles.received(Addresses.IDENTITY_EMAIL_VERIFY).getString("token"));
          assertEquals(410, responses.get(1).statusCode());
          assertEquals("/problems/invalid-token", responses.get(1).bodyAsJsonObject().getString("type"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a new verification link is asked for the token's account and answers 202")
  void sendEmailVerification(VertxTestContext testContext) {
    roles.authenticated(gateway.client.post("/api/v1/me/email/verification")).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(202, response.statusCode(), response.bodyAsString());
          assertEquals("accepted", response.bodyAsJsonObject().getString("status"));
          assertEquals(FakeRoles.ACCOUNT_ID,
              roles.received(Addresses.IDENTITY_EMAIL_VERIFICATION_SEND).getString("accountId"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("forgot-password answers 202 with the one fixed body, whatever the login role replied")
  void forgot(VertxTestContext testContext) {
    gateway.client.post("/api/v1/password/forgot")
        .sendJsonObject(new JsonObject().put("identifier", "siti@example.id").put("channel", "email"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(202, response.statusCode(), response.bodyAsString());
          assertEquals(new JsonObject().put("status", "accepted"), response.bodyAsJsonObject());
          JsonObject request = roles.received(Addresses.IDENTITY_PASSWORD_FORGOT);
          assertEquals("siti@example.id", request.getString("identifier"));
          assertEquals("email", request.getString("channel"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("forgot-password by SMS passes the reset handle through, and nothing else the role adds")
  void forgotBySmsCarriesTheHandle(VertxTestContext testContext) {
    roles.reply(Addresses.IDENTITY_PASSWORD_FORGOT, new JsonObject().put("status", "accepted")
        .put("challenge_id", "h4ndle").put("internal", "not for clients"));
    gateway.client.post("/api/v1/password/forgot")
        .sendJsonObject(new JsonObject().put("identifier", "siti@example.id").put("channel", "sms"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(202, response.statusCode(), response.bodyAsString());
          assertEquals(new JsonObject().put("status", "accepted").put("challenge_id", "h4ndle"),
              response.bodyAsJsonObject());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a reset answers 204; a weak new password 400 password-policy naming the rule")
  void reset(VertxTestContext testContext) {
    JsonObject body = new JsonObject().put("token", "t0k3n").put("new_password", "a long enough new password");
    gateway.client.post("/api/v1/password/reset").sendJsonObject(body)
        .compose(done -> {
          roles.fail(Addresses.IDENTITY_PASSWORD_RESET, Problem.of(ProblemType.PASSWORD_POLICY,
              "The password is one of the most common ones.").withExtension("rule", "common"));
          return gateway.client.post("/api/v1/password/reset").sendJsonObject(body).map(weak -> List.of(done, weak));
        })
        .onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
          assertEquals(204, responses.get(0).statusCode());
          assertEquals("a long enough new password",
              roles.received(Addresses.IDENTITY_PASSWORD_RESET).getString("new_password"));
          assertEquals(400, responses.get(1).statusCode());
          assertEquals("/problems/password-policy", responses.get(1).bodyAsJsonObject().getString("type"));
          assertEquals("common", responses.get(1).bodyAsJsonObject().getString("rule"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a password change names the token's account and session and answers 204")
  void change(VertxTestContext testContext) {
    roles.authenticated(gateway.client.post("/api/v1/me/password"))
        .sendJsonObject(new JsonObject().put("current_password", "old one").put("new_password", "a brand new one")
            .put("log_out_others", true).put("sessionId", "not-mine"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(204, response.statusCode(), response.bodyAsString());
          JsonObject request = roles.received(Addresses.IDENTITY_PASSWORD_CHANGE);
          assertEquals(FakeRoles.ACCOUNT_ID, request.getString("accountId"));
          assertEquals(FakeRoles.SESSION_ID, request.getString("sessionId"));
          assertEquals(true, request.getBoolean("log_out_others"));
          testContext.completeNow();
        })));
  }
}

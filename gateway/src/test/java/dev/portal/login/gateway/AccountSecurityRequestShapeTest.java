package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.contracts.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Second-factor, contact and password routes refuse bad requests before asking anyone")
class AccountSecurityRequestShapeTest {
  private record Call(HttpMethod method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final List<Call> JSON_ROUTES = List.of(
      new Call(HttpMethod.POST, "/api/v1/auth/mfa/verify"),
      new Call(HttpMethod.POST, "/api/v1/auth/mfa/resend"),
      new Call(HttpMethod.PUT, "/api/v1/me/mfa"),
      new Call(HttpMethod.POST, "/api/v1/me/mfa/totp"),
      new Call(HttpMethod.POST, "/api/v1/me/mfa/totp/confirm"),
      new Call(HttpMethod.POST, "/api/v1/me/phone"),
      new Call(HttpMethod.POST, "/api/v1/me/phone/verify"),
      new Call(HttpMethod.POST, "/api/v1/accounts/verify-email"),
      new Call(HttpMethod.POST, "/api/v1/password/forgot"),
      new Call(HttpMethod.POST, "/api/v1/password/reset"),
      new Call(HttpMethod.POST, "/api/v1/me/password"));

  private static final List<Call> BEARER_ROUTES = List.of(
      new Call(HttpMethod.GET, "/api/v1/me/mfa"),
      new Call(HttpMethod.PUT, "/api/v1/me/mfa"),
      new Call(HttpMethod.POST, "/api/v1/me/mfa/challenge"),
      new Call(HttpMethod.POST, "/api/v1/me/mfa/totp"),
      new Call(HttpMethod.POST, "/api/v1/me/mfa/totp/confirm"),
      new Call(HttpMethod.POST, "/api/v1/me/phone"),
      new Call(HttpMethod.POST, "/api/v1/me/phone/verify"),
      new Call(HttpMethod.POST, "/api/v1/me/email/verification"),
      new Call(HttpMethod.POST, "/api/v1/me/password"));

  private static final List<String> ADDRESSES = List.of(Addresses.IDENTITY_MFA_VERIFY, Addresses.IDENTITY_MFA_RESEND,
      Addresses.IDENTITY_MFA_STATUS, Addresses.IDENTITY_MFA_STEP_UP, Addresses.IDENTITY_TOTP_ENROL,
      Addresses.IDENTITY_TOTP_CONFIRM, Addresses.IDENTITY_MFA_METHOD, Addresses.IDENTITY_PHONE_SET,
      Addresses.IDENTITY_PHONE_VERIFY, Addresses.IDENTITY_EMAIL_VERIFY, Addresses.IDENTITY_EMAIL_VERIFICATION_SEND,
      Addresses.IDENTITY_PASSWORD_FORGOT, Addresses.IDENTITY_PASSWORD_RESET, Addresses.IDENTITY_PASSWORD_CHANGE);

  private FakeRoles roles;
  private TestGateway gateway;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext testContext) {
    roles = new FakeRoles(vertx);
    ADDRESSES.forEach(address -> roles.reply(address, new JsonObject()));
    TestGateway.start(vertx, List.of()).onComplete(testContext.succeeding(started -> {
      gateway = started;
      testContext.completeNow();
    }));
  }

  /** Sends one request per route, one after the other; the problem type each answered, by route. */
  private Future<Map<Call, String>> answers(List<Call> calls,
      Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> send) {
    Map<Call, String> answers = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Call call : calls) {
      chain = chain.compose(previous -> send.apply(gateway.client.request(call.method(), call.path()))
          .map(response -> {
            answers.put(call, response.statusCode() + " " + response.bodyAsJsonObject().getString("type"));
            return null;
          }));
    }
    return chain.map(done -> answers);
  }

  private static Map<Call, String> every(List<Call> calls, String answer) {
    Map<Call, String> expected = new LinkedHashMap<>();
    calls.forEach(call -> expected.put(call, answer));
    return expected;
  }

  @Test
  @DisplayName("a body that is not declared as JSON gets 415")
  void notJson(VertxTestContext testContext) {
    answers(JSON_ROUTES, request -> roles.authenticated(request).putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("{\"code\": \"123456\"}")))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          assertEquals(every(JSON_ROUTES, "415 /problems/unsupported-media-type"), answers);
          assertEquals(0, roles.asked());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a body that is not a JSON object gets 400 malformed-json")
  void malformed(VertxTestContext testContext) {
    answers(JSON_ROUTES, request -> roles.authenticated(request).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"code\": ")))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          assertEquals(every(JSON_ROUTES, "400 /problems/malformed-json"), answers);
          assertEquals(0, roles.asked());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a body over the size limit gets 413")
  void tooLarge(VertxTestContext testContext) {
    JsonObject huge = new JsonObject().put("code", "1".repeat(TestGateway.BODY_LIMIT + 1));
    answers(JSON_ROUTES, request -> roles.authenticated(request).sendJsonObject(huge))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          assertEquals(every(JSON_ROUTES, "413 /problems/payload-too-large"), answers);
          assertEquals(0, roles.asked());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a control character in a field gets 400 validation-failed")
  void controlCharacter(VertxTestContext testContext) {
    JsonObject body = new JsonObject().put("code", "12\u00003456");
    answers(JSON_ROUTES, request -> roles.authenticated(request).sendJsonObject(body))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          assertEquals(every(JSON_ROUTES, "400 /problems/validation-failed"), answers);
          assertEquals(0, roles.asked());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a route for the signed-in person refuses a request without an access token with 401")
  void withoutToken(VertxTestContext testContext) {
    answers(BEARER_ROUTES, request -> request.sendJsonObject(new JsonObject().put("code", "123456")))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          assertEquals(every(BEARER_ROUTES, "401 /problems/unauthorized"), answers);
          assertEquals(0, roles.asked());
          testContext.completeNow();
        })));
  }
}

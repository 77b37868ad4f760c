package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * The HTTP handlers of the second factor: finishing a login with a code, sending the code again, and
 * a person managing their own method (status, step-up code, authenticator enrolment, method change).
 * Codes are checked, counted and burned by the login role; the gateway carries them and never logs them.
 */
final class SecondFactorRoutes {
  private final RoleRequests roles;
  private final Duration deviceTokenTtl;

  SecondFactorRoutes(RoleRequests roles, Duration deviceTokenTtl) {
    this.roles = roles;
    this.deviceTokenTtl = deviceTokenTtl;
  }

  /** POST /api/v1/auth/mfa/verify {challenge_id, code}: the tokens of the login the challenge belongs to. */
  void verify(RoutingContext ctx) {
    JsonObject request = DeviceCookie.withPresentedToken(ctx, RoleRequests.anonymous(JsonRequestBody.of(ctx)));
    roles.ask(ctx, Addresses.IDENTITY_MFA_VERIFY, request)
        .compose(tokens -> {
          DeviceCookie.set(ctx, tokens, deviceTokenTtl);
          RoleRequests.forbidCaching(ctx);
          return RoleRequests.send(ctx, 200, tokens);
        })
        .onFailure(ctx::fail);
  }

  /** POST /api/v1/auth/mfa/resend {challenge_id}: 202; the role answers 429 with Retry-After when too soon. */
  void resend(RoutingContext ctx) {
    roles.forward(ctx, Addresses.IDENTITY_MFA_RESEND, RoleRequests.anonymous(JsonRequestBody.of(ctx)), 202);
  }

  /** GET /api/v1/me/mfa: the caller's method and which contacts are verified. */
  void status(RoutingContext ctx) {
    roles.forward(ctx, Addresses.IDENTITY_MFA_STATUS, RoleRequests.fromCaller(ctx, new JsonObject()), 200);
  }

  /** POST /api/v1/me/mfa/challenge: a code by the current method, to prove it before a change (201). */
  void stepUp(RoutingContext ctx) {
    roles.forward(ctx, Addresses.IDENTITY_MFA_STEP_UP, RoleRequests.fromCaller(ctx, new JsonObject()), 201);
  }

  /**
   * POST /api/v1/me/mfa/totp {password? | code?, challenge_id?}: a pending authenticator secret after a
   * fresh proof (the login role answers 403 step-up-required without one); not active until confirmed.
   */
  void enrolTotp(RoutingContext ctx) {
    RoleRequests.forbidCaching(ctx);
    roles.forward(ctx, Addresses.IDENTITY_TOTP_ENROL, RoleRequests.fromCaller(ctx, JsonRequestBody.of(ctx)), 200);
  }

  /** POST /api/v1/me/mfa/totp/confirm {code}: turns the authenticator on; the reply holds the recovery codes. */
  void confirmTotp(RoutingContext ctx) {
    RoleRequests.forbidCaching(ctx);
    roles.forward(ctx, Addresses.IDENTITY_TOTP_CONFIRM, RoleRequests.fromCaller(ctx, JsonRequestBody.of(ctx)), 200);
  }

  /** PUT /api/v1/me/mfa {method, password? | code?, challenge_id?}: changes the method after a fresh proof. */
  void changeMethod(RoutingContext ctx) {
    roles.forward(ctx, Addresses.IDENTITY_MFA_METHOD, RoleRequests.fromCaller(ctx, JsonRequestBody.of(ctx)), 200);
  }
}

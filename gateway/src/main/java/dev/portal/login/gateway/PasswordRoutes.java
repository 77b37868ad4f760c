package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP handlers of passwords: asking for a reset, completing one with a link token or a code, and
 * a logged-in change. Policy, hashing and revoking sessions are the login role's.
 */
final class PasswordRoutes {
  private static final String CHALLENGE_ID = "challenge_id";
  private static final String RESEND_AFTER = "resend_after";

  private final RoleRequests roles;

  PasswordRoutes(RoleRequests roles) {
    this.roles = roles;
  }

  /**
   * POST /api/v1/password/forgot {identifier, channel?}: 202 with the same body whether or not the
   * account exists, so the answer tells nobody which identifiers are registered; with channel sms it
   * carries the challenge_id the reset step needs (a handle the login role makes for every request)
   * and resend_after, the seconds before asking again can send a new code (the same for everyone).
   */
  void forgot(RoutingContext ctx) {
    roles.ask(ctx, Addresses.IDENTITY_PASSWORD_FORGOT, RoleRequests.anonymous(JsonRequestBody.of(ctx)))
        .compose(reply -> RoleRequests.send(ctx, 202, acceptedWithHandle(reply)))
        .onFailure(ctx::fail);
  }

  // only the fixed members pass: whatever else the role might add never reaches the caller
  private static JsonObject acceptedWithHandle(JsonObject reply) {
    JsonObject body = RoleRequests.ACCEPTED.copy();
    if (reply.getValue(CHALLENGE_ID) instanceof String handle) {
      body.put(CHALLENGE_ID, handle);
      if (reply.getValue(RESEND_AFTER) instanceof Number seconds) {
        body.put(RESEND_AFTER, seconds.longValue());
      }
    }
    return body;
  }

  /** POST /api/v1/password/reset {token | challenge_id + code, new_password, second_factor?}: 204. */
  void reset(RoutingContext ctx) {
    roles.forward(ctx, Addresses.IDENTITY_PASSWORD_RESET, RoleRequests.anonymous(JsonRequestBody.of(ctx)), 204);
  }

  /** POST /api/v1/me/password {current_password, new_password, log_out_others?}: 204. */
  void change(RoutingContext ctx) {
    roles.forward(ctx, Addresses.IDENTITY_PASSWORD_CHANGE, RoleRequests.fromCaller(ctx, JsonRequestBody.of(ctx)), 204);
  }
}

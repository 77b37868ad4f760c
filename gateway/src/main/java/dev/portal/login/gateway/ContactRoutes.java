package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP handlers that prove a person's contacts: a phone number by a code sent to it, an e-mail
 * address by the link in a verification message. The login role issues and checks both.
 */
final class ContactRoutes {
  private final RoleRequests roles;

  ContactRoutes(RoleRequests roles) {
    this.roles = roles;
  }

  /** POST /api/v1/me/phone {phone}: sends a code to the new number (202 with its challenge). */
  void setPhone(RoutingContext ctx) {
    roles.forward(ctx, Addresses.IDENTITY_PHONE_SET, RoleRequests.fromCaller(ctx, JsonRequestBody.of(ctx)), 202);
  }

  /** POST /api/v1/me/phone/verify {challenge_id, code}: 204 once the number is verified. */
  void verifyPhone(RoutingContext ctx) {
    roles.forward(ctx, Addresses.IDENTITY_PHONE_VERIFY, RoleRequests.fromCaller(ctx, JsonRequestBody.of(ctx)), 204);
  }

  /** POST /api/v1/accounts/verify-email {token}: 204 once the token's e-mail address is verified. */
  void verifyEmail(RoutingContext ctx) {
    roles.forward(ctx, Addresses.IDENTITY_EMAIL_VERIFY, RoleRequests.anonymous(JsonRequestBody.of(ctx)), 204);
  }

  /** POST /api/v1/me/email/verification: sends the caller a new verification link (202). */
  void sendEmailVerification(RoutingContext ctx) {
    roles.ask(ctx, Addresses.IDENTITY_EMAIL_VERIFICATION_SEND, RoleRequests.fromCaller(ctx, new JsonObject()))
        .compose(sent -> RoleRequests.send(ctx, 202, RoleRequests.ACCEPTED))
        .onFailure(ctx::fail);
  }
}

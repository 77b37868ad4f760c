package dev.portal.login.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account as shown to its owner and the gateway: never the password hash.
 *
 * @param emailVerified whether the e-mail address was confirmed through its link
 * @param mfaMethod the second-factor method: none, email, sms or totp
 */
public record AccountView(
    UUID id,
    String username,
    String email,
    String phone,
    String nationalId,
    String employerNumber,
    String locale,
    List<String> roles,
    String status,
    Instant createdAt,
    boolean emailVerified,
    String mfaMethod) {

  static final String NO_SECOND_FACTOR = "none";

  /** A view without the verification and second-factor state: a new account has neither. */
  public AccountView(UUID id, String username, String email, String phone, String nationalId, String employerNumber,
      String locale, List<String> roles, String status, Instant createdAt) {
    this(id, username, email, phone, nationalId, employerNumber, locale, roles, status, createdAt, false,
        NO_SECOND_FACTOR);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("username", username)
        .put("email", email)
        .put("phone", phone)
        .put("nationalId", nationalId)
        .put("employerNumber", employerNumber)
        .put("locale", locale)
        .put("roles", new JsonArray(roles))
        .put("status", status)
        .put("createdAt", createdAt.toString())
        .put("email_verified", emailVerified)
        .put("mfa_method", mfaMethod);
  }
}

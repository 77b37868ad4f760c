package dev.portal.login.contracts;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A message to deliver, as written to {@link Topics#NOTIFICATIONS} (keyed by account id). What may be
 * read by anyone with topic access is in clear: which template, channel and language, and non-secret
 * {@code data} (times, IP, device). The destination and every secret (code, link with its token) are
 * in {@code sealed}, AES-GCM under the notification key ({@link NotificationSeal}), bound to the message id.
 *
 * @param messageId the idempotence key of delivery: one message, at most one send per channel
 * @param channel {@link #EMAIL} or {@link #SMS}
 * @param locale {@code id} or {@code en}; null means the account's language
 * @param data non-secret template parameters
 * @param sealed null when nothing is secret and the destination is the account's own verified
 *     contact; otherwise {@link NotificationSeal#seal} of {to?, code?, link?}
 * @param maskedDestination for logs and audit ("a***@example.org", "+62******1234"); may be null
 */
public record Notification(
    UUID messageId,
    String template,
    String channel,
    UUID accountId,
    String locale,
    Instant createdAt,
    JsonObject data,
    String sealed,
    String maskedDestination) {

  public static final String EMAIL = "email";
  public static final String SMS = "sms";

  public Notification {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(createdAt, "createdAt");
    data = data == null ? new JsonObject() : data;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("messageId", messageId.toString())
        .put("template", template)
        .put("channel", channel)
        .put("accountId", accountId == null ? null : accountId.toString())
        .put("locale", locale)
        .put("createdAt", createdAt.toString())
        .put("data", data)
        .put("sealed", sealed)
        .put("maskedDestination", maskedDestination);
  }

  /** @throws IllegalArgumentException when a required member is missing or malformed */
  public static Notification fromJson(JsonObject json) {
    try {
      String accountId = json.getString("accountId");
      return new Notification(
          UUID.fromString(json.getString("messageId")),
          json.getString("template"),
          json.getString("channel"),
          accountId == null ? null : UUID.fromString(accountId),
          json.getString("locale"),
          Instant.parse(json.getString("createdAt")),
          json.getJsonObject("data"),
          json.getString("sealed"),
          json.getString("maskedDestination"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a notification: " + e.getMessage(), e);
    }
  }

  /** The template names; each lists its {@code data} members and what its sealed part holds. */
  public static final class Templates {
    /** data {lockedUntil, permanent, when, ip}; no secret. (From the lockout consumer.) */
    public static final String ACCOUNT_LOCKED = "account-locked";
    /** data {expiresInMinutes}; sealed {code, to}. */
    public static final String LOGIN_CODE = "login-code";
    /** data {expiresInMinutes}; sealed {code, to}: confirms a change (step-up) by the current method. */
    public static final String STEP_UP_CODE = "step-up-code";
    /** data {expiresInMinutes}; sealed {code, to}: to a phone number not verified yet. */
    public static final String PHONE_VERIFICATION_CODE = "phone-verification-code";
    /** data {expiresInHours}; sealed {link, to}. */
    public static final String EMAIL_VERIFICATION = "email-verification";
    /** data {expiresInMinutes}; sealed {link}. */
    public static final String PASSWORD_RESET_LINK = "password-reset-link";
    /** data {expiresInMinutes}; sealed {code}. */
    public static final String PASSWORD_RESET_CODE = "password-reset-code";
    /** data {when, ip, via (reset|change)}; no secret. */
    public static final String PASSWORD_CHANGED = "password-changed";
    /** data {when, ip, device, reviewLink}; no secret. */
    public static final String NEW_SIGN_IN = "new-sign-in";

    private Templates() {
    }
  }
}

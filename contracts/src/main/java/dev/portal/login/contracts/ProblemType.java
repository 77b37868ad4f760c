package dev.portal.login.contracts;

/**
 * The stable problem types of the API (RFC 9457). Clients branch on {@link #uri()}; titles are
 * for people and may change wording, the slug never does.
 */
public enum ProblemType {
  VALIDATION_FAILED("validation-failed", 400, "The request is not valid"),
  MALFORMED_JSON("malformed-json", 400, "The request body is not valid JSON"),
  UNAUTHORIZED("unauthorized", 401, "Authentication is required"),
  INVALID_CREDENTIALS("invalid-credentials", 401, "The identifier or password is not correct"),
  FORBIDDEN("forbidden", 403, "You are not allowed to do this"),
  NOT_FOUND("not-found", 404, "Not found"),
  METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
  NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation"),
  CONFLICT("conflict", 409, "The resource already exists"),
  PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "The request body must be application/json"),
  ACCOUNT_LOCKED("account-locked", 423, "Your account is temporarily locked"),
  RATE_LIMITED("rate-limited", 429, "Too many requests"),
  INTERNAL("internal", 500, "Something went wrong on our side"),
  UNAVAILABLE("unavailable", 503, "The service is temporarily unavailable"),
  OVERLOADED("overloaded", 503, "The service is busy; try again shortly"),
  /** A refresh token that is not (or no longer) known: never issued, or its session is gone. */
  INVALID_REFRESH_TOKEN("invalid-refresh-token", 401, "The refresh token is not valid"),
  /** An already-used refresh token was presented again; its whole session has been revoked. */
  REFRESH_TOKEN_REUSED("refresh-token-reused", 401, "The refresh token was already used"),
  /** The session passed its idle or absolute lifetime; the person signs in again. */
  SESSION_EXPIRED("session-expired", 401, "The session has expired"),
  ACCOUNT_DISABLED("account-disabled", 403, "The account is disabled"),
  /** A wrong one-time code; the problem carries {@code attemptsLeft}. */
  INVALID_CODE("invalid-code", 401, "The code is not correct"),
  /** The challenge expired, was used, or was burned by too many wrong codes: start again. */
  CHALLENGE_EXPIRED("challenge-expired", 410, "The code has expired; request a new one"),
  /** A verification or reset link that is unknown, expired or already used. */
  INVALID_TOKEN("invalid-token", 410, "The link is not valid or has expired"),
  /** The new password breaks the policy; the problem carries {@code rule} (too-short, too-long, common, contains-username, contains-email). */
  PASSWORD_POLICY("password-policy", 400, "The password does not meet the password policy"),
  /** The action needs a fresh proof: the current password or second factor ({@code required} names it). */
  STEP_UP_REQUIRED("step-up-required", 403, "Confirm it is you first"),
  /** The deployment requires a verified e-mail before login (or before this action). */
  EMAIL_NOT_VERIFIED("email-not-verified", 403, "The e-mail address is not verified yet");

  /** Problem type URIs are relative references under this path. */
  public static final String BASE = "/problems/";

  private final String slug;
  private final int status;
  private final String title;

  ProblemType(String slug, int status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
  }

  public String slug() {
    return slug;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String uri() {
    return BASE + slug;
  }

  public static ProblemType fromUri(String uri) {
    for (ProblemType type : values()) {
      if (type.uri().equals(uri)) {
        return type;
      }
    }
    return INTERNAL;
  }

  /** The problem type used for a bare HTTP status raised by the framework. */
  public static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> VALIDATION_FAILED;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 410 -> CHALLENGE_EXPIRED;
      case 409 -> CONFLICT;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 423 -> ACCOUNT_LOCKED;
      case 429 -> RATE_LIMITED;
      case 503 -> UNAVAILABLE;
      default -> INTERNAL;
    };
  }
}

package dev.portal.login.identity;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of one-time codes and the second factor.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>MFA_REQUIRED</td><td>none</td><td>who must have a second factor: {@code none}, {@code privileged}
 *       (roles admin and security) or {@code all}; an account that must but has none gets e-mail codes</td></tr>
 *   <tr><td>MFA_CODE_TTL_SECONDS</td><td>300</td><td>lifetime of a code challenge (at most 600)</td></tr>
 *   <tr><td>MFA_MAX_ATTEMPTS</td><td>5</td><td>wrong codes a challenge takes before it is burned</td></tr>
 *   <tr><td>MFA_MAX_RESENDS</td><td>3</td><td>times a code may be sent again</td></tr>
 *   <tr><td>MFA_RESEND_COOLDOWN_SECONDS</td><td>60</td><td>wait between two sends of a challenge</td></tr>
 *   <tr><td>MFA_CODE_SEND_LIMIT</td><td>10</td><td>codes (SMS or e-mail, any purpose, resends included) one
 *       account, and one number being verified, may be sent per window; beyond it 429 rate-limited with
 *       Retry-After</td></tr>
 *   <tr><td>MFA_CODE_SEND_WINDOW_SECONDS</td><td>3600</td><td>the window of MFA_CODE_SEND_LIMIT</td></tr>
 *   <tr><td>TOTP_ISSUER</td><td>Portal</td><td>issuer shown by authenticator apps</td></tr>
 *   <tr><td>TOTP_ENROLMENT_TTL_SECONDS</td><td>600</td><td>how long a new authenticator secret waits for its
 *       confirming code before enrolment must start again</td></tr>
 * </table>
 */
public record SecondFactorConfig(Requirement requirement, Duration codeTtl, int maxAttempts, int maxResends,
    Duration resendCooldown, int codeSendLimit, Duration codeSendWindow, String totpIssuer,
    Duration totpEnrolmentTtl) {

  static final Duration LONGEST_CODE_TTL = Duration.ofMinutes(10);

  /** Who must pass a second factor. */
  public enum Requirement {
    NONE, PRIVILEGED, ALL
  }

  public SecondFactorConfig {
    if (codeTtl.compareTo(LONGEST_CODE_TTL) > 0) {
      throw new IllegalArgumentException("MFA_CODE_TTL_SECONDS must be at most " + LONGEST_CODE_TTL.toSeconds());
    }
  }

  public static SecondFactorConfig fromEnv(Map<String, String> env) {
    String requirement = env.getOrDefault("MFA_REQUIRED", "none").trim().toUpperCase(Locale.ROOT);
    Requirement parsed;
    try {
      parsed = Requirement.valueOf(requirement.isEmpty() ? "NONE" : requirement);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("MFA_REQUIRED must be none, privileged or all");
    }
    return new SecondFactorConfig(parsed,
        Duration.ofSeconds(EnvValues.positive(env, "MFA_CODE_TTL_SECONDS", 300)),
        EnvValues.positive(env, "MFA_MAX_ATTEMPTS", 5),
        EnvValues.nonNegative(env, "MFA_MAX_RESENDS", 3),
        Duration.ofSeconds(EnvValues.nonNegative(env, "MFA_RESEND_COOLDOWN_SECONDS", 60)),
        EnvValues.positive(env, "MFA_CODE_SEND_LIMIT", 10),
        Duration.ofSeconds(EnvValues.positive(env, "MFA_CODE_SEND_WINDOW_SECONDS", 3600)),
        EnvValues.text(env, "TOTP_ISSUER", "Portal"),
        Duration.ofSeconds(EnvValues.positive(env, "TOTP_ENROLMENT_TTL_SECONDS", 600)));
  }
}

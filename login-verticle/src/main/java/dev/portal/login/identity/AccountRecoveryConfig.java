package dev.portal.login.identity;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of e-mail verification and password reset.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>PUBLIC_BASE_URL</td><td>http://localhost:8080</td><td>where people reach the portal; links in
 *       messages start with it</td></tr>
 *   <tr><td>EMAIL_VERIFICATION_TTL_HOURS</td><td>24</td><td>lifetime of a verification link</td></tr>
 *   <tr><td>PASSWORD_RESET_TTL_MINUTES</td><td>30</td><td>lifetime of a reset link</td></tr>
 *   <tr><td>PASSWORD_RESET_THROTTLE_SECONDS</td><td>60</td><td>at most one reset message per account in
 *       this time; further requests are answered alike and send nothing</td></tr>
 *   <tr><td>NEW_SIGN_IN_MEMORY_DAYS</td><td>90</td><td>a sign-in from a new device alerts the owner unless
 *       its network (IPv4 /24, IPv6 /48) was seen within this many days</td></tr>
 *   <tr><td>EMAIL_VERIFICATION_RESEND_MINUTES</td><td>10</td><td>a sign-in refused for an unverified
 *       e-mail (right password) sends a new link, at most once per account in this time</td></tr>
 *   <tr><td>LOGIN_REQUIRES_VERIFIED_EMAIL</td><td>false</td><td>when true, an account must verify its
 *       e-mail before it can log in</td></tr>
 * </table>
 */
public record AccountRecoveryConfig(URI publicBaseUrl, Duration emailVerificationTtl, Duration resetLinkTtl,
    boolean loginRequiresVerifiedEmail, Duration resetThrottle, Duration knownNetworkMemory,
    Duration verificationResendInterval) {

  public static AccountRecoveryConfig fromEnv(Map<String, String> env) {
    String base = EnvValues.text(env, "PUBLIC_BASE_URL", "http://localhost:8080");
    URI publicBaseUrl;
    try {
      publicBaseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PUBLIC_BASE_URL must be an absolute URL, was '" + base + "'");
    }
    if (!publicBaseUrl.isAbsolute() || !(publicBaseUrl.getScheme().equals("https")
        || publicBaseUrl.getScheme().equals("http"))) {
      throw new IllegalArgumentException("PUBLIC_BASE_URL must be an absolute http(s) URL, was '" + base + "'");
    }
    return new AccountRecoveryConfig(publicBaseUrl,
        Duration.ofHours(EnvValues.positive(env, "EMAIL_VERIFICATION_TTL_HOURS", 24)),
        Duration.ofMinutes(EnvValues.positive(env, "PASSWORD_RESET_TTL_MINUTES", 30)),
        Boolean.parseBoolean(EnvValues.text(env, "LOGIN_REQUIRES_VERIFIED_EMAIL", "false")),
        Duration.ofSeconds(EnvValues.positive(env, "PASSWORD_RESET_THROTTLE_SECONDS", 60)),
        Duration.ofDays(EnvValues.positive(env, "NEW_SIGN_IN_MEMORY_DAYS", 90)),
        Duration.ofMinutes(EnvValues.positive(env, "EMAIL_VERIFICATION_RESEND_MINUTES", 10)));
  }

  /** A link into the portal's pages: base URL, path, and the token as the only query parameter. */
  String link(String path, String token) {
    return publicBaseUrl + path + "?token=" + token;
  }
}

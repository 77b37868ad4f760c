package dev.portal.login.contracts;

/**
 * Event-bus addresses between the roles of one process. Every request body is a JSON object;
 * requests coming from HTTP carry a {@link RequestContext} under {@link RequestContext#FIELD}.
 * Failures are answered with {@link ProblemException#failMessage}.
 */
public final class Addresses {
  /** {username, email, password, phone?, nationalId?, employerNumber?, locale?} -> the account view. */
  public static final String IDENTITY_REGISTER = "identity.register";
  /** {identifier, password} -> {access_token, token_type, expires_in, refresh_token}. */
  public static final String IDENTITY_LOGIN = "identity.login";
  /** {accountId} -> the account view. */
  public static final String IDENTITY_ACCOUNT = "identity.account";
  /** {} -> the JWK set ({keys: [...]}) of public keys that sign access tokens. */
  public static final String IDENTITY_JWKS = "identity.jwks";
  /** {accountId?, type?, limit, cursor?} -> {items: [...], nextCursor}. */
  public static final String AUDIT_QUERY = "audit.query";

  /** Prefix of per-component health addresses: "health." + component name; replies {ok, checks: {name: "ok" or a short failure}}. */
  public static final String HEALTH_PREFIX = "health.";

  private Addresses() {
  }

  public static String health(String component) {
    return HEALTH_PREFIX + component;
  }
}

package dev.portal.login.contracts;

/** Account roles, as carried in the {@code roles} claim of access tokens. */
public final class Roles {
  public static final String USER = "user";
  public static final String SECURITY = "security";
  public static final String ADMIN = "admin";

  private Roles() {
  }
}

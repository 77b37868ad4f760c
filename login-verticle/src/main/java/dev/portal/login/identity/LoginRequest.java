package dev.portal.login.identity;

/** A login attempt that passed validation; the password is its NFKC form. */
public record LoginRequest(Identifier identifier, String password) {
  @Override
  public String toString() {
    return "LoginRequest[identifier=" + identifier.kind().wireName() + ", password=***]";
  }
}

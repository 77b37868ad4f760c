package dev.portal.login.identity;

import java.util.List;
import java.util.UUID;

/** What login needs of an account: never leaves the login verticle. */
record AccountCredentials(UUID accountId, String passwordHash, List<String> roles, String status) {
  static final String ACTIVE = "active";
  static final String DISABLED = "disabled";

  @Override
  public String toString() {
    return "AccountCredentials[accountId=" + accountId + ", status=" + status + "]";
  }
}

package dev.portal.login.identity;

import dev.portal.login.contracts.IdentifierKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registration that passed validation: every field normalised as it will be stored. The
 * password is the NFKC form that gets hashed; it never leaves this process.
 *
 * @param phone null when not given
 * @param nationalId null when not given
 * @param employerNumber null when not given
 */
public record NewAccount(
    String username,
    String email,
    String password,
    String phone,
    String nationalId,
    String employerNumber,
    String locale) {

  /** The identifiers a person may log in with, each unique per kind. */
  public Map<IdentifierKind, String> identifiers() {
    Map<IdentifierKind, String> identifiers = new LinkedHashMap<>();
    identifiers.put(IdentifierKind.USERNAME, username);
    identifiers.put(IdentifierKind.EMAIL, email);
    if (nationalId != null) {
      identifiers.put(IdentifierKind.NATIONAL_ID, nationalId);
    }
    if (employerNumber != null) {
      identifiers.put(IdentifierKind.EMPLOYER_NUMBER, employerNumber);
    }
    return identifiers;
  }

  /** The JSON field a clash on this identifier kind is reported under. */
  public static String fieldOf(IdentifierKind kind) {
    return switch (kind) {
      case USERNAME -> "username";
      case EMAIL -> "email";
      case NATIONAL_ID -> "nationalId";
      case EMPLOYER_NUMBER -> "employerNumber";
    };
  }

  @Override
  public String toString() {
    return "NewAccount[username=" + username + ", password=***]";
  }
}

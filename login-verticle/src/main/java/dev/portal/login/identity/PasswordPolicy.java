package dev.portal.login.identity;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new password must be (registration, reset, change): 12 to 128 code points of its NFKC form,
 * any characters and no composition rules, not one of the 10,000 most common passwords, and not
 * containing the username or the e-mail's local part (those only when 3 characters or longer, so a
 * short name does not forbid half the alphabet). Length first: the other rules then speak of a
 * password that could otherwise be used.
 */
final class PasswordPolicy {
  static final int MIN_CODE_POINTS = 12;
  static final int MAX_CODE_POINTS = 128;
  static final int SHORTEST_CHECKED_PART = 3;
  static final String RULE_EXTENSION = "rule";

  /** The rules, by the word the problem's {@code rule} extension carries. */
  enum Rule {
    TOO_SHORT("too-short"),
    TOO_LONG("too-long"),
    COMMON("common"),
    CONTAINS_USERNAME("contains-username"),
    CONTAINS_EMAIL("contains-email");

    private final String wireName;

    Rule(String wireName) {
      this.wireName = wireName;
    }

    String wireName() {
      return wireName;
    }
  }

  /** A broken rule and what to tell the person. */
  record Violation(Rule rule, String detail) {
  }

  private PasswordPolicy() {
  }

  /**
   * @param password the NFKC form (as {@link InputRules} produces it)
   * @param username the account's username, or null when not known (yet)
   * @param email the account's e-mail, or null
   * @return the first rule broken, empty when the password may be used
   */
  static Optional<Violation> violation(String password, String username, String email) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_CODE_POINTS) {
      return broken(Rule.TOO_SHORT, "The password must be at least " + MIN_CODE_POINTS + " characters long.");
    }
    if (length > MAX_CODE_POINTS) {
      return broken(Rule.TOO_LONG, "The password must be at most " + MAX_CODE_POINTS + " characters long.");
    }
    if (CommonPasswords.contains(password)) {
      return broken(Rule.COMMON, "This password is one of the most commonly used ones; choose another.");
    }
    String folded = password.toLowerCase(Locale.ROOT);
    if (containsPart(folded, username)) {
      return broken(Rule.CONTAINS_USERNAME, "The password must not contain your username.");
    }
    if (email != null && containsPart(folded, localPart(email))) {
      return broken(Rule.CONTAINS_EMAIL, "The password must not contain the name part of your e-mail address.");
    }
    return Optional.empty();
  }

  /**
   * @throws ProblemException password-policy with extension {@code rule} and the field it concerns
   */
  static void enforce(String field, String password, String username, String email) {
    violation(password, username, email).ifPresent(violation -> {
      throw problem(field, violation);
    });
  }

  static ProblemException problem(String field, Violation violation) {
    return new ProblemException(new Problem(ProblemType.PASSWORD_POLICY, violation.detail(),
        java.util.List.of(new Problem.FieldError(field, violation.detail())), null, null)
        .withExtension(RULE_EXTENSION, violation.rule().wireName()));
  }

  private static boolean containsPart(String foldedPassword, String part) {
    if (part == null || part.codePointCount(0, part.length()) < SHORTEST_CHECKED_PART) {
      return false;
    }
    return foldedPassword.contains(part.toLowerCase(Locale.ROOT));
  }

  private static String localPart(String email) {
    int at = email.lastIndexOf('@');
    return at < 0 ? email : email.substring(0, at);
  }

  private static Optional<Violation> broken(Rule rule, String detail) {
    return Optional.of(new Violation(rule, detail));
  }
}

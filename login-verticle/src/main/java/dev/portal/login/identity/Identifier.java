package dev.portal.login.identity;

import dev.portal.login.contracts.IdentifierKind;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a person typed to name their account at login, normalised and classified the same way
 * registration stored it, so one indexed lookup finds the account whatever kind was used.
 */
public record Identifier(IdentifierKind kind, String value) {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  static final int NATIONAL_ID_DIGITS = 16;

  /**
   * Classifies a login identifier: '@' means e-mail (case-folded); digits once spaces, dots and
   * dashes are gone mean NIK (16 digits) or NPP (any other length); anything else is a username.
   * Usernames must contain a letter, so an all-digit input can never be one.
   */
  public static Identifier classify(String raw) {
    String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).trim();
    if (text.indexOf('@') >= 0) {
      return new Identifier(IdentifierKind.EMAIL, foldCase(text));
    }
    String digits = stripSeparators(text);
    if (!digits.isEmpty() && DIGITS.matcher(digits).matches()) {
      return new Identifier(
          digits.length() == NATIONAL_ID_DIGITS ? IdentifierKind.NATIONAL_ID : IdentifierKind.EMPLOYER_NUMBER,
          digits);
    }
    return new Identifier(IdentifierKind.USERNAME, text.toLowerCase(Locale.ROOT));
  }

  static String stripSeparators(String text) {
    return SEPARATORS.matcher(text).replaceAll("");
  }

  /** E-mail case folding: locale-independent lower case, so "İ" never turns into a Turkish dotless i. */
  static String foldCase(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}

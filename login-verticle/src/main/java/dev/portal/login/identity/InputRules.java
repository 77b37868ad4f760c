package dev.portal.login.identity;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.Problem.FieldError;
import dev.portal.login.contracts.ProblemException;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates and normalises registration and login requests, reporting every invalid field at
 * once. All text is NFKC-normalised, so the same name or password typed on different keyboards
 * (full-width digits, compatibility characters) means the same thing.
 *
 * <p>Passwords: the NFKC form is what gets hashed, for the same reason. A new password must also
 * pass {@link PasswordPolicy} (length in code points of that form, common passwords, username and
 * e-mail); when the password is the only thing wrong the answer is password-policy with its rule,
 * otherwise its message joins the other field errors.
 */
public final class InputRules {

  static final int USERNAME_MIN = 3;
  static final int USERNAME_MAX = 32;
  static final int EMAIL_MAX = 254;
  static final int PASSWORD_MAX = PasswordPolicy.MAX_CODE_POINTS;
  static final int IDENTIFIER_MAX = 254;
  static final int EMPLOYER_NUMBER_MIN = 8;
  static final int EMPLOYER_NUMBER_MAX = 13;
  static final String DEFAULT_LOCALE = "id";
  static final Set<String> LOCALES = Set.of("id", "en");

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{" + USERNAME_MIN + "," + USERNAME_MAX + "}");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");
  private static final Pattern WHITESPACE = Pattern.compile(".*\\s.*");
  private static final Pattern NATIONAL_ID = Pattern.compile("[0-9]{" + Identifier.NATIONAL_ID_DIGITS + "}");
  private static final Pattern EMPLOYER_NUMBER =
      Pattern.compile("[0-9]{" + EMPLOYER_NUMBER_MIN + "," + EMPLOYER_NUMBER_MAX + "}");
  private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\-]");
  private static final Pattern E164 = Pattern.compile("\\+[0-9]{8,15}");

  private InputRules() {
  }

  /**
   * @throws ProblemException validation-failed naming every invalid field
   */
  public static NewAccount parseRegistration(JsonObject body) {
    Fields fields = new Fields(body);
    String username = fields.required("username", InputRules::username);
    String email = fields.required("email", InputRules::email);
    String password = fields.required("password", InputRules::password);
    String phone = fields.optional("phone", InputRules::phone);
    String nationalId = fields.optional("nationalId", InputRules::nationalId);
    String employerNumber = fields.optional("employerNumber", InputRules::employerNumber);
    String locale = fields.optional("locale", InputRules::locale);
    if (password != null) {
      Optional<PasswordPolicy.Violation> weak = PasswordPolicy.violation(password, username, email);
      if (weak.isPresent() && fields.valid()) {
        throw PasswordPolicy.problem("password", weak.get());
      }
      weak.ifPresent(violation -> fields.reject("password", violation.detail()));
    }
    fields.throwIfInvalid();
    return new NewAccount(username, email, password, phone, nationalId, employerNumber,
        locale == null ? DEFAULT_LOCALE : locale);
  }

  /**
   * Only shape and length are checked here, never whether the account exists, so a bad request
   * gets the same answer for every identifier.
   *
   * @throws ProblemException validation-failed naming every invalid field
   */
  public static LoginRequest parseLogin(JsonObject body) {
    Fields fields = new Fields(body);
    String identifier = fields.required("identifier", InputRules::loginIdentifier);
    String password = fields.required("password", InputRules::loginPassword);
    fields.throwIfInvalid();
    return new LoginRequest(Identifier.classify(identifier), password);
  }

  static String username(String raw) {
    String value = nfkc(raw).trim().toLowerCase(Locale.ROOT);
    if (!USERNAME.matcher(value).matches()) {
      throw new InvalidField("must be " + USERNAME_MIN + " to " + USERNAME_MAX
          + " characters of a-z, 0-9, '.', '_' or '-'");
    }
    if (!HAS_LETTER.matcher(value).matches()) {
      throw new InvalidField("must contain at least one letter, so it is never mistaken for a NIK or NPP");
    }
    return value;
  }

  static String email(String raw) {
    String value = Identifier.foldCase(nfkc(raw).trim());
    int at = value.indexOf('@');
    boolean valid = value.length() <= EMAIL_MAX
        && at > 0
        && at == value.lastIndexOf('@')
        && !WHITESPACE.matcher(value).matches()
        && validDomain(value.substring(at + 1));
    if (!valid) {
      throw new InvalidField("must be an e-mail address such as name@example.id (at most " + EMAIL_MAX
          + " characters)");
    }
    return value;
  }

  private static boolean validDomain(String domain) {
    int dot = domain.indexOf('.');
    return dot > 0 && !domain.endsWith(".") && !domain.contains("..");
  }

  /** A new password's NFKC form; its length and content are {@link PasswordPolicy}'s to judge. */
  static String password(String raw) {
    return boundedNfkc(raw, PASSWORD_MAX);
  }

  static String nationalId(String raw) {
    String value = Identifier.stripSeparators(nfkc(raw));
    if (!NATIONAL_ID.matcher(value).matches()) {
      throw new InvalidField("must be exactly " + Identifier.NATIONAL_ID_DIGITS + " digits (NIK)");
    }
    return value;
  }

  static String employerNumber(String raw) {
    String value = Identifier.stripSeparators(nfkc(raw));
    if (!EMPLOYER_NUMBER.matcher(value).matches()) {
      throw new InvalidField("must be " + EMPLOYER_NUMBER_MIN + " to " + EMPLOYER_NUMBER_MAX + " digits (NPP)");
    }
    return value;
  }

  static String phone(String raw) {
    String value = PHONE_SEPARATORS.matcher(nfkc(raw)).replaceAll("");
    if (!E164.matcher(value).matches()) {
      throw new InvalidField("must be an international number: '+' and 8 to 15 digits, e.g. +6281234567890");
    }
    return value;
  }

  static String locale(String raw) {
    String value = nfkc(raw).trim().toLowerCase(Locale.ROOT);
    if (!LOCALES.contains(value)) {
      throw new InvalidField("must be one of " + String.join(", ", LOCALES.stream().sorted().toList()));
    }
    return value;
  }

  static String loginIdentifier(String raw) {
    String value = boundedNfkc(raw, IDENTIFIER_MAX).trim();
    if (value.isEmpty()) {
      throw new InvalidField("is required");
    }
    if (value.length() > IDENTIFIER_MAX) {
      throw new InvalidField("must be at most " + IDENTIFIER_MAX + " characters");
    }
    return value;
  }

  static String loginPassword(String raw) {
    String value = boundedNfkc(raw, PASSWORD_MAX);
    if (value.isEmpty()) {
      throw new InvalidField("is required");
    }
    if (value.codePointCount(0, value.length()) > PASSWORD_MAX) {
      throw new InvalidField("must be at most " + PASSWORD_MAX + " characters long");
    }
    return value;
  }

  /**
   * Refuses text far beyond its limit before normalising it, so a 20,000-character value costs
   * nothing; the margin leaves room for NFKC composing several characters into one.
   */
  private static String boundedNfkc(String raw, int limit) {
    if (raw.length() > 4 * limit) {
      throw new InvalidField("must be at most " + limit + " characters long");
    }
    return nfkc(raw);
  }

  private static String nfkc(String raw) {
    return Normalizer.normalize(raw, Normalizer.Form.NFKC);
  }

  /** A C0 control character (NUL included) or DEL: never legitimate in any field here. */
  static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return true;
      }
    }
    return false;
  }

  /** Thrown by a field rule; collected into the field list rather than escaping. */
  static final class InvalidField extends RuntimeException {
    InvalidField(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads string fields of a request body, collecting the errors of all of them. */
  static final class Fields {
    private final JsonObject body;
    private final List<FieldError> errors = new ArrayList<>();

    Fields(JsonObject body) {
      this.body = body == null ? new JsonObject() : body;
    }

    String required(String name, java.util.function.UnaryOperator<String> rule) {
      if (body.getValue(name) == null) {
        errors.add(new FieldError(name, "is required"));
        return null;
      }
      return optional(name, rule);
    }

    String optional(String name, java.util.function.UnaryOperator<String> rule) {
      Object value = body.getValue(name);
      if (value == null) {
        return null;
      }
      if (!(value instanceof String text)) {
        errors.add(new FieldError(name, "must be a string"));
        return null;
      }
      if (hasControlCharacter(text)) {
        errors.add(new FieldError(name, "must not contain control characters"));
        return null;
      }
      try {
        return rule.apply(text);
      } catch (InvalidField e) {
        errors.add(new FieldError(name, e.getMessage()));
        return null;
      }
    }

    /** A boolean member; absent means {@code fallback}. */
    boolean flag(String name, boolean fallback) {
      Object value = body.getValue(name);
      if (value == null) {
        return fallback;
      }
      if (!(value instanceof Boolean flag)) {
        errors.add(new FieldError(name, "must be true or false"));
        return fallback;
      }
      return flag;
    }

    void reject(String name, String message) {
      errors.add(new FieldError(name, message));
    }

    boolean valid() {
      return errors.isEmpty();
    }

    void throwIfInvalid() {
      if (!errors.isEmpty()) {
        throw new ProblemException(Problem.validation(errors));
      }
    }
  }
}

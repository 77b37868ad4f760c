package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.IdentifierKind;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InputRulesTest {

  private static JsonObject validRegistration() {
    return new JsonObject()
        .put("username", "Budi.Santoso")
        .put("email", "  Budi.Santoso@Example.CO.ID ")
        .put("password", "correct horse battery")
        .put("phone", "+62 812-3456-7890")
        .put("nationalId", "3171-0123.4567 8901")
        .put("employerNumber", "12.345.678");
  }

  private static Map<String, String> errorsOf(JsonObject body) {
    ProblemException e = assertThrows(ProblemException.class, () -> InputRules.parseRegistration(body));
    Problem problem = e.problem();
    assertEquals(ProblemType.VALIDATION_FAILED, problem.type());
    return problem.errors().stream().collect(Collectors.toMap(Problem.FieldError::field, Problem.FieldError::message));
  }

  private static Problem policyProblemOf(JsonObject body) {
    ProblemException e = assertThrows(ProblemException.class, () -> InputRules.parseRegistration(body));
    assertEquals(ProblemType.PASSWORD_POLICY, e.problem().type());
    return e.problem();
  }

  private static Map<String, String> loginErrorsOf(JsonObject body) {
    ProblemException e = assertThrows(ProblemException.class, () -> InputRules.parseLogin(body));
    assertEquals(ProblemType.VALIDATION_FAILED, e.problem().type());
    return e.problem().errors().stream()
        .collect(Collectors.toMap(Problem.FieldError::field, Problem.FieldError::message));
  }

  @Test
  @DisplayName("a valid registration comes out normalised: lower-case username, case-folded e-mail, digits-only NIK and NPP")
  void normalisesValidRegistration() {
    NewAccount account = InputRules.parseRegistration(validRegistration());
    assertEquals("budi.santoso", account.username());
    assertEquals("budi.santoso@example.co.id", account.email());
    assertEquals("+6281234567890", account.phone());
    assertEquals("3171012345678901", account.nationalId());
    assertEquals("12345678", account.employerNumber());
    assertEquals("id", account.locale());
    assertEquals("correct horse battery", account.password());
  }

  @Test
  @DisplayName("every invalid field is reported at once, each under its JSON name")
  void reportsAllInvalidFields() {
    Map<String, String> errors = errorsOf(new JsonObject()
        .put("username", "ab")
        .put("email", "no-at-sign.example.id")
        .put("password", "short")
        .put("phone", "0812")
        .put("nationalId", "317101234567890")
        .put("employerNumber", "1234567")
        .put("locale", "fr"));
    assertEquals(
        java.util.Set.of("username", "email", "password", "phone", "nationalId", "employerNumber", "locale"),
        errors.keySet());
  }

  @Test
  @DisplayName("missing required fields are each named, optional ones are not")
  void namesMissingFields() {
    Map<String, String> errors = errorsOf(new JsonObject());
    assertEquals(java.util.Set.of("username", "email", "password"), errors.keySet());
    assertEquals("is required", errors.get("email"));
  }

  @Test
  @DisplayName("a field of the wrong JSON type is refused rather than converted")
  void refusesNonStringFields() {
    Map<String, String> errors = errorsOf(validRegistration().put("nationalId", 3171012345678901L));
    assertEquals("must be a string", errors.get("nationalId"));
  }

  @Test
  @DisplayName("a NUL byte or other control character in any field is a validation error for that field")
  void refusesControlCharacters() {
    Map<String, String> errors = errorsOf(validRegistration()
        .put("username", "budi\u0000")
        .put("password", "correct horse\u0007battery"));
    assertEquals(java.util.Set.of("username", "password"), errors.keySet());
    assertTrue(errors.get("username").contains("control"));
  }

  @Test
  @DisplayName("an all-digit username is refused with a message saying it needs a letter")
  void refusesAllDigitUsername() {
    Map<String, String> errors = errorsOf(validRegistration().put("username", "12345678"));
    assertTrue(errors.get("username").contains("at least one letter"), errors.get("username"));
  }

  @Test
  @DisplayName("a username with characters outside a-z 0-9 . _ - is refused")
  void refusesUsernameWithSpaces() {
    assertTrue(errorsOf(validRegistration().put("username", "budi santoso")).containsKey("username"));
  }

  @Test
  @DisplayName("a 20,000-character password is refused as too long")
  void refusesHugePassword() {
    Map<String, String> errors = errorsOf(validRegistration().put("password", "a".repeat(20_000)));
    assertTrue(errors.get("password").contains("128"));
  }

  @Test
  @DisplayName("password length counts code points: 12 emoji are long enough, 129 characters are too many")
  void countsPasswordCodePoints() {
    String twelveEmoji = "\uD83D\uDE00".repeat(12);
    assertEquals(twelveEmoji, InputRules.parseRegistration(validRegistration().put("password", twelveEmoji)).password());
    assertEquals("too-long", policyProblemOf(validRegistration().put("password", "x".repeat(129)))
        .toJson().getString("rule"));
    assertEquals(128, InputRules.parseRegistration(validRegistration().put("password", "x".repeat(128)))
        .password().length());
  }

  @Test
  @DisplayName("when only the password is wrong, registration answers password-policy with the rule broken")
  void appliesPasswordPolicyAtRegistration() {
    Problem tooShort = policyProblemOf(validRegistration().put("password", "eleven char"));
    assertEquals("too-short", tooShort.toJson().getString("rule"));
    assertEquals("password", tooShort.errors().get(0).field());
    assertEquals("common", policyProblemOf(validRegistration().put("password", "QWERTY123456"))
        .toJson().getString("rule"));
    assertEquals("contains-username", policyProblemOf(validRegistration().put("password", "i am BUDI.SANTOSO!"))
        .toJson().getString("rule"));
    assertEquals("contains-email", policyProblemOf(validRegistration()
        .put("username", "wulan").put("email", "rahayu.w@example.id").put("password", "Rahayu.W forever"))
        .toJson().getString("rule"));
  }

  @Test
  @DisplayName("when other fields are wrong too, the password's broken rule is listed with them")
  void listsPasswordPolicyWithOtherErrors() {
    Map<String, String> errors = errorsOf(validRegistration().put("email", "nope").put("password", "short"));
    assertEquals(java.util.Set.of("email", "password"), errors.keySet());
    assertTrue(errors.get("password").contains("at least 12"), errors.get("password"));
  }

  @Test
  @DisplayName("passwords are NFKC-normalised, so a ligature and its letters are the same password")
  void normalisesPasswordsWithNfkc() {
    String withLigature = InputRules.parseRegistration(validRegistration().put("password", "\uFB01sh and chips!!"))
        .password();
    assertEquals("fish and chips!!", withLigature);
  }

  @Test
  @DisplayName("full-width characters are NFKC-normalised before the rules apply")
  void normalisesFullWidth() {
    NewAccount account = InputRules.parseRegistration(validRegistration()
        .put("username", "\uFF22\uFF35\uFF24\uFF29")
        .put("nationalId", "\uFF13\uFF11\uFF17\uFF11012345678901"));
    assertEquals("budi", account.username());
    assertEquals("3171012345678901", account.nationalId());
  }

  @Test
  @DisplayName("e-mail addresses need one @, a local part and a dotted domain, without spaces, at most 254 characters")
  void checksEmailShape() {
    for (String bad : new String[] {"a@b", "@example.id", "a@@example.id", "a b@example.id", "a@example.", "a@.id",
        "x".repeat(250) + "@example.id"}) {
      assertTrue(errorsOf(validRegistration().put("email", bad)).containsKey("email"), bad);
    }
  }

  @Test
  @DisplayName("optional fields may be absent and locale defaults to id; en is accepted")
  void acceptsMinimalRegistration() {
    NewAccount account = InputRules.parseRegistration(new JsonObject()
        .put("username", "siti").put("email", "siti@example.id").put("password", "kata sandi rahasia")
        .put("locale", "EN"));
    assertNull(account.phone());
    assertNull(account.nationalId());
    assertNull(account.employerNumber());
    assertEquals("en", account.locale());
    assertEquals(Map.of(IdentifierKind.USERNAME, "siti", IdentifierKind.EMAIL, "siti@example.id"),
        account.identifiers());
  }

  @Test
  @DisplayName("a login password over 128 characters is refused before any lookup, whatever the identifier")
  void refusesHugeLoginPassword() {
    Map<String, String> errors = loginErrorsOf(new JsonObject()
        .put("identifier", "nobody").put("password", "p".repeat(20_000)));
    assertEquals(java.util.Set.of("password"), errors.keySet());
  }

  @Test
  @DisplayName("a login identifier over 254 characters, empty, or with a NUL byte is refused")
  void refusesBadLoginIdentifier() {
    assertTrue(loginErrorsOf(new JsonObject().put("identifier", "a".repeat(255)).put("password", "x"))
        .containsKey("identifier"));
    assertTrue(loginErrorsOf(new JsonObject().put("identifier", "   ").put("password", "x"))
        .containsKey("identifier"));
    assertTrue(loginErrorsOf(new JsonObject().put("identifier", "budi\u0000").put("password", "x"))
        .containsKey("identifier"));
    assertEquals(java.util.Set.of("identifier", "password"), loginErrorsOf(new JsonObject()).keySet());
  }

  @Test
  @DisplayName("a valid login is classified and keeps the NFKC password; short passwords are not refused at login")
  void parsesLogin() {
    LoginRequest request = InputRules.parseLogin(new JsonObject()
        .put("identifier", " Budi@Example.ID ").put("password", "short"));
    assertEquals(new Identifier(IdentifierKind.EMAIL, "budi@example.id"), request.identifier());
    assertEquals("short", request.password());
  }
}

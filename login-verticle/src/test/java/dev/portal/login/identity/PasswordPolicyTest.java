package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  private static final String USERNAME = "budi.santoso";
  private static final String EMAIL = "rahayu.w@example.id";

  private static Optional<String> ruleBroken(String password) {
    return PasswordPolicy.violation(password, USERNAME, EMAIL).map(v -> v.rule().wireName());
  }

  @Test
  @DisplayName("a long, uncommon password unrelated to the account passes")
  void acceptsGoodPassword() {
    assertEquals(Optional.empty(), ruleBroken("pohon mangga di halaman"));
  }

  @Test
  @DisplayName("11 characters are too short, 12 are enough, 128 are allowed and 129 are too long")
  void checksLength() {
    assertEquals(Optional.of("too-short"), ruleBroken("zq8#vL2!mK4"));
    assertEquals(Optional.empty(), ruleBroken("zq8#vL2!mK4p"));
    assertEquals(Optional.empty(), ruleBroken("zq8#vL2!".repeat(16)));
    assertEquals(Optional.of("too-long"), ruleBroken("zq8#vL2!".repeat(16) + "x"));
  }

  @Test
  @DisplayName("length counts code points: 12 emoji (24 UTF-16 units) pass, 11 emoji are too short")
  void countsCodePoints() {
    String emoji = "\uD83D\uDE00";
    assertEquals(Optional.empty(), ruleBroken(emoji.repeat(12)));
    assertEquals(Optional.of("too-short"), ruleBroken(emoji.repeat(11)));
  }

  @Test
  @DisplayName("a common password of 12 or more characters is refused whatever its letter case")
  void refusesCommonPasswordsCaseInsensitively() {
    assertTrue(CommonPasswords.contains("qwerty123456"));
    assertEquals(Optional.of("common"), ruleBroken("qwerty123456"));
    assertEquals(Optional.of("common"), ruleBroken("QwErTy123456"));
    assertEquals(Optional.of("common"), ruleBroken("1QAZ2WSX3EDC"));
  }

  @Test
  @DisplayName("a full-width spelling of a common password is the same password once NFKC-normalised")
  void normalisesBeforeTheListIsConsulted() {
    String fullWidth = "\uFF51\uFF57\uFF45\uFF52\uFF54\uFF59\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16";
    assertEquals(Optional.empty(), ruleBroken(fullWidth), "the raw form is not in the list");
    assertEquals(Optional.of("common"), ruleBroken(InputRules.password(fullWidth)));
  }

  @Test
  @DisplayName("a password containing the username, in any letter case, is refused")
  void refusesUsername() {
    assertEquals(Optional.of("contains-username"), ruleBroken("my name is Budi.Santoso ok"));
  }

  @Test
  @DisplayName("a password containing the e-mail's local part, in any letter case, is refused")
  void refusesEmailLocalPart() {
    assertEquals(Optional.of("contains-email"), ruleBroken("RAHAYU.W and a long tail"));
  }

  @Test
  @DisplayName("a username or local part shorter than 3 characters does not restrict the password")
  void ignoresShortParts() {
    assertEquals(Optional.empty(), PasswordPolicy.violation("ab-cd and a long tail", "ab", "cd@example.id"));
    assertEquals(Optional.of("contains-username"),
        PasswordPolicy.violation("abc and a long tail", "abc", "cd@example.id").map(v -> v.rule().wireName()));
  }

  @Test
  @DisplayName("unknown username and e-mail (before the account is known) check the other rules only")
  void worksWithoutAccount() {
    assertEquals(Optional.empty(), PasswordPolicy.violation("budi.santoso rahayu.w", null, null));
    assertEquals(Optional.of("too-short"), PasswordPolicy.violation("short", null, null).map(v -> v.rule().wireName()));
  }

  @Test
  @DisplayName("a broken rule is a 400 password-policy problem naming the rule, the field and the reason in words")
  void failsWithPasswordPolicyProblem() {
    ProblemException e = assertThrows(ProblemException.class,
        () -> PasswordPolicy.enforce("new_password", "qwerty123456", USERNAME, EMAIL));
    Problem problem = e.problem();
    assertEquals(ProblemType.PASSWORD_POLICY, problem.type());
    assertEquals(400, problem.status());
    assertEquals("common", problem.toJson().getString("rule"));
    assertTrue(problem.detail().contains("most commonly used"), problem.detail());
    assertEquals("new_password", problem.errors().get(0).field());
  }

  @Test
  @DisplayName("each rule's detail says in plain words what is wrong")
  void detailsNameTheRule() {
    assertTrue(PasswordPolicy.violation("short", null, null).orElseThrow().detail().contains("at least 12"));
    assertTrue(PasswordPolicy.violation("x".repeat(129), null, null).orElseThrow().detail().contains("at most 128"));
    assertTrue(PasswordPolicy.violation("budi.santoso 2026", USERNAME, EMAIL).orElseThrow().detail()
        .contains("username"));
    assertTrue(PasswordPolicy.violation("rahayu.w 2026 yes", USERNAME, EMAIL).orElseThrow().detail()
        .contains("e-mail"));
  }
}

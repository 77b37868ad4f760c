package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.identity.SecondFactorConfig.Requirement;
import dev.portal.login.identity.SecondFactorPolicy.Verdict;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecondFactorPolicyTest {
  private static final List<String> USER = List.of("user");
  private static final List<String> ADMIN = List.of("user", "admin");
  private static final List<String> SECURITY = List.of("security");

  @Test
  @DisplayName("an account's own method decides whatever the deployment requires")
  void ownMethod() {
    for (Requirement requirement : Requirement.values()) {
      assertEquals(Verdict.TOTP, SecondFactorPolicy.decide("totp", false, USER, requirement));
      assertEquals(Verdict.SMS, SecondFactorPolicy.decide("sms", false, USER, requirement));
      assertEquals(Verdict.EMAIL, SecondFactorPolicy.decide("email", true, USER, requirement));
    }
    assertEquals("totp", Verdict.TOTP.channel());
    assertEquals("sms", Verdict.SMS.channel());
  }

  @Test
  @DisplayName("without a method nobody needs a second factor unless the deployment says so")
  void noMethod() {
    assertEquals(Verdict.NONE, SecondFactorPolicy.decide("none", true, ADMIN, Requirement.NONE));
    assertEquals(Verdict.NONE, SecondFactorPolicy.decide("none", true, USER, Requirement.PRIVILEGED));
    assertNull(Verdict.NONE.channel());
  }

  @Test
  @DisplayName("when required (for everyone, or for admin and security roles) an account without a method gets e-mail codes")
  void required() {
    assertEquals(Verdict.EMAIL, SecondFactorPolicy.decide("none", true, USER, Requirement.ALL));
    assertEquals(Verdict.EMAIL, SecondFactorPolicy.decide("none", true, ADMIN, Requirement.PRIVILEGED));
    assertEquals(Verdict.EMAIL, SecondFactorPolicy.decide("none", true, SECURITY, Requirement.PRIVILEGED));
    assertTrue(SecondFactorPolicy.mustHaveOne(SECURITY, Requirement.PRIVILEGED));
    assertFalse(SecondFactorPolicy.mustHaveOne(USER, Requirement.PRIVILEGED));
  }

  @Test
  @DisplayName("e-mail codes need a verified address: otherwise the login is refused rather than sent to it")
  void unverifiedEmail() {
    assertEquals(Verdict.NEEDS_VERIFIED_EMAIL, SecondFactorPolicy.decide("email", false, USER, Requirement.NONE));
    assertEquals(Verdict.NEEDS_VERIFIED_EMAIL, SecondFactorPolicy.decide("none", false, USER, Requirement.ALL));
    assertEquals(Verdict.NONE, SecondFactorPolicy.decide("none", false, USER, Requirement.PRIVILEGED));
  }
}

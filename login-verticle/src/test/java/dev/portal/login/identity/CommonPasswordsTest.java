package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommonPasswordsTest {

  @Test
  @DisplayName("the shipped list holds the 10,000 most common passwords")
  void holdsTenThousand() {
    assertEquals(10_000, CommonPasswords.listedCount());
  }

  @Test
  @DisplayName("the best-known common passwords are on the list, in any letter case")
  void knowsTheUsualSuspects() {
    for (String common : new String[] {"123456", "password", "qwerty", "12345678", "PASSWORD", "Qwerty"}) {
      assertTrue(CommonPasswords.contains(common), common);
    }
  }

  @Test
  @DisplayName("a password that is not common is not on the list")
  void leavesOthersAlone() {
    assertFalse(CommonPasswords.contains("pohon mangga di halaman"));
  }
}

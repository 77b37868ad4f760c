package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BootstrapAdministratorTest {

  @Test
  @DisplayName("a generated administrator password is 24 characters, passes the password rules, and differs each time")
  void generatesUsablePasswords() {
    String password = BootstrapAdministrator.generatePassword();
    assertEquals(24, password.length());
    assertEquals(password, InputRules.parseRegistration(new JsonObject()
        .put("username", "admin").put("email", "admin@localhost.localdomain").put("password", password)).password());
    assertNotEquals(password, BootstrapAdministrator.generatePassword());
  }
}

package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DestinationsTest {
  @Test
  @DisplayName("an e-mail keeps its first letter and domain; a phone its country code and last four digits")
  void masks() {
    assertEquals("b***@example.id", Destinations.mask("email", "budi.santoso@example.id"));
    assertEquals("+62*******4567", Destinations.mask("sms", "+6281234564567"));
    assertEquals("***", Destinations.maskEmail("no-at-sign"));
    assertFalse(Destinations.mask("sms", "0812").contains("0812"));
  }
}

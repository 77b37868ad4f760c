package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {
  @Test
  @DisplayName("an Indonesian mobile number 08... becomes +628..., separators people type are dropped")
  void indonesian() {
    assertEquals("+6281234567890", PhoneNumbers.normalise("0812-3456-7890"));
    assertEquals("+6281234567890", PhoneNumbers.normalise("0812 3456 7890"));
    assertEquals("+6281234567890", PhoneNumbers.normalise("+62 812 3456 7890"));
    assertEquals("+6281234567890", PhoneNumbers.normalise("6281234567890"));
    assertEquals("+6281234567890", PhoneNumbers.normalise("006281234567890"));
    assertEquals("+441632960961", PhoneNumbers.normalise("+44 (1632) 960.961"));
  }

  @Test
  @DisplayName("letters, too few or too many digits, and a leading zero after the plus are no phone number")
  void refuses() {
    assertNull(PhoneNumbers.normalise("0812abc"));
    assertNull(PhoneNumbers.normalise("+62812"));
    assertNull(PhoneNumbers.normalise("+1234567890123456"));
    assertNull(PhoneNumbers.normalise("+0812345678"));
    assertNull(PhoneNumbers.normalise(""));
    assertNull(PhoneNumbers.normalise(null));
  }
}

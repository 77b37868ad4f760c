package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.IdentifierKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubjectKeysTest {
  private static final Identifier NIK = new Identifier(IdentifierKind.NATIONAL_ID, "3171012345678901");

  @Test
  @DisplayName("an unknown identifier always maps to the same opaque key under the same key-encryption key")
  void isStableAndOpaque() {
    LoginConfig.KeyEncryptionKey kek = SecretSealerTest.randomKey();
    String key = new SubjectKeys(kek).forUnknown(NIK);
    assertEquals(key, new SubjectKeys(kek).forUnknown(NIK));
    assertTrue(key.startsWith("u:"));
    assertFalse(key.contains("3171012345678901"));
  }

  @Test
  @DisplayName("the key depends on the identifier kind and on the key-encryption key")
  void dependsOnKindAndSecret() {
    LoginConfig.KeyEncryptionKey kek = SecretSealerTest.randomKey();
    SubjectKeys keys = new SubjectKeys(kek);
    assertNotEquals(keys.forUnknown(NIK),
        keys.forUnknown(new Identifier(IdentifierKind.EMPLOYER_NUMBER, "3171012345678901")));
    assertNotEquals(keys.forUnknown(NIK), new SubjectKeys(SecretSealerTest.randomKey()).forUnknown(NIK));
  }
}

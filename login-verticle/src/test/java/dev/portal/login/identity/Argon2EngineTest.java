package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Argon2EngineTest {
  private static final Argon2Parameters SMALL = new Argon2Parameters(64, 1, 1);
  private static final byte[] PASSWORD = "kata sandi yang panjang".getBytes(StandardCharsets.UTF_8);
  private static final byte[] WRONG = "Kata sandi yang panjang".getBytes(StandardCharsets.UTF_8);

  private final Argon2Engine nativeEngine = NativeArgon2Engine.load(SMALL);
  private final Argon2Engine bouncyCastle = new BouncyCastleArgon2Engine(SMALL);

  @Test
  @DisplayName("a hash made by the native library verifies with Bouncy Castle, and a wrong password does not")
  void bouncyCastleReadsNativeHashes() {
    String hash = nativeEngine.hash(PASSWORD);
    assertTrue(hash.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), hash);
    assertTrue(bouncyCastle.verify(hash, PASSWORD));
    assertFalse(bouncyCastle.verify(hash, WRONG));
  }

  @Test
  @DisplayName("a hash made by Bouncy Castle verifies with the native library, and a wrong password does not")
  void nativeReadsBouncyCastleHashes() {
    String hash = bouncyCastle.hash(PASSWORD);
    assertTrue(hash.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), hash);
    assertTrue(nativeEngine.verify(hash, PASSWORD));
    assertFalse(nativeEngine.verify(hash, WRONG));
  }

  @Test
  @DisplayName("each hash gets its own salt, and an unreadable hash simply does not verify")
  void saltsAndRejectsGarbage() {
    assertNotEquals(bouncyCastle.hash(PASSWORD), bouncyCastle.hash(PASSWORD));
    assertFalse(bouncyCastle.verify("$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA", PASSWORD));
    assertFalse(nativeEngine.verify("not a hash", PASSWORD));
  }

  @Test
  @DisplayName("the engine of choice on this platform is the native one")
  void prefersNative() {
    assertTrue(Argon2Engine.preferNative(SMALL) instanceof NativeArgon2Engine);
  }
}

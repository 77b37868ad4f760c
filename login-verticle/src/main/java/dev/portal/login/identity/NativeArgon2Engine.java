package dev.portal.login.identity;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;

/** argon2id through the reference C implementation bundled with argon2-jvm (via JNA). */
final class NativeArgon2Engine implements Argon2Engine {
  /** The smallest cost argon2 accepts: enough to prove the library loads without spending time. */
  private static final int PROBE_MEMORY_KIB = 8;

  private final Argon2 argon2;
  private final Argon2Parameters parameters;

  private NativeArgon2Engine(Argon2 argon2, Argon2Parameters parameters) {
    this.argon2 = argon2;
    this.parameters = parameters;
  }

  /**
   * @throws LinkageError when the native library does not load on this platform
   */
  static NativeArgon2Engine load(Argon2Parameters parameters) {
    Argon2 argon2 = Argon2Factory.create(
        Argon2Factory.Argon2Types.ARGON2id, Argon2Parameters.SALT_BYTES, Argon2Parameters.HASH_BYTES);
    // the library is loaded lazily; fail here rather than on the first login
    argon2.hash(1, PROBE_MEMORY_KIB, 1, new byte[] {0});
    return new NativeArgon2Engine(argon2, parameters);
  }

  @Override
  public String hash(byte[] password) {
    return argon2.hash(parameters.iterations(), parameters.memoryKib(), parameters.parallelism(), password);
  }

  @Override
  public boolean verify(String phcHash, byte[] password) {
    try {
      return argon2.verify(phcHash, password);
    } catch (RuntimeException e) {
      return false;
    }
  }
}

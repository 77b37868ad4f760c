package dev.portal.login.identity;

/** argon2id cost parameters; salt and output lengths are fixed at the values OWASP recommends. */
public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {
  public static final int SALT_BYTES = 16;
  public static final int HASH_BYTES = 32;
  public static final int VERSION = 0x13;

  public static Argon2Parameters of(LoginConfig.Hashing hashing) {
    return new Argon2Parameters(hashing.memoryKib(), hashing.iterations(), hashing.parallelism());
  }
}

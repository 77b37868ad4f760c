package dev.portal.login.identity;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters.Builder;

/** Pure-Java argon2id (Bouncy Castle): the fallback where the native library does not load. */
final class BouncyCastleArgon2Engine implements Argon2Engine {
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private final Argon2Parameters parameters;
  private final SecureRandom random = new SecureRandom();

  BouncyCastleArgon2Engine(Argon2Parameters parameters) {
    this.parameters = parameters;
  }

  @Override
  public String hash(byte[] password) {
    byte[] salt = new byte[Argon2Parameters.SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, Argon2Parameters.VERSION, parameters, Argon2Parameters.HASH_BYTES);
    return "$argon2id$v=" + Argon2Parameters.VERSION
        + "$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p=" + parameters.parallelism()
        + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
  }

  @Override
  public boolean verify(String phcHash, byte[] password) {
    Matcher phc = PHC.matcher(phcHash);
    if (!phc.matches()) {
      return false;
    }
    try {
      Argon2Parameters stored = new Argon2Parameters(
          Integer.parseInt(phc.group(2)), Integer.parseInt(phc.group(3)), Integer.parseInt(phc.group(4)));
      byte[] salt = DECODER.decode(phc.group(5));
      byte[] expected = DECODER.decode(phc.group(6));
      byte[] actual = derive(password, salt, Integer.parseInt(phc.group(1)), stored, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(byte[] password, byte[] salt, int version, Argon2Parameters cost, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
        .withVersion(version)
        .withMemoryAsKB(cost.memoryKib())
        .withIterations(cost.iterations())
        .withParallelism(cost.parallelism())
        .withSalt(salt)
        .build());
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }
}

package dev.portal.login.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes and checks argon2id hashes in PHC string format
 * ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}). Implementations block: call them on the
 * hashing executor only. The native and the Bouncy Castle engines read each other's hashes.
 */
public interface Argon2Engine {

  /** Hashes with a fresh random salt. */
  String hash(byte[] password);

  /** False for a wrong password and for a hash this engine cannot read. */
  boolean verify(String phcHash, byte[] password);

  /** The native library when it loads on this platform, else the pure-Java Bouncy Castle engine. */
  static Argon2Engine preferNative(Argon2Parameters parameters) {
    Logger log = LoggerFactory.getLogger(Argon2Engine.class);
    try {
      Argon2Engine engine = NativeArgon2Engine.load(parameters);
      log.info("Password hashing: native argon2id (m={} KiB, t={}, p={})",
          parameters.memoryKib(), parameters.iterations(), parameters.parallelism());
      return engine;
    } catch (LinkageError | RuntimeException e) {
      log.warn("Native argon2 library unavailable ({}); using Bouncy Castle argon2id", e.toString());
      return new BouncyCastleArgon2Engine(parameters);
    }
  }
}

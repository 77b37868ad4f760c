package dev.portal.login.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A 32-byte secret key of the no-setup mode (the key-encryption key, the notification key): random
 * bytes generated once, kept base64 in a file only the owner can read, and reused on every restart
 * so what was sealed under it stays readable.
 */
final class KeyFile {
  static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyFile() {
  }

  static String loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return requireValid(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    String encoded = Base64.getEncoder().encodeToString(key);
    // written under a temporary name with 0600 from the start, then moved, so no reader ever sees
    // a half-written or world-readable key
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(partial, encoded + "\n", StandardCharsets.US_ASCII);
    try {
      Files.move(partial, file);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(partial);
      return loadOrCreate(file);
    }
    return encoded;
  }

  /** Accepts only the base64 of exactly 32 bytes; the message names the source, never the value. */
  static String requireValid(String encoded, String source) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("The key from " + source + " is not valid base64");
    }
    if (decoded.length != KEY_BYTES) {
      throw new IllegalStateException("The key from " + source + " must decode to "
          + KEY_BYTES + " bytes, not " + decoded.length);
    }
    return encoded;
  }
}

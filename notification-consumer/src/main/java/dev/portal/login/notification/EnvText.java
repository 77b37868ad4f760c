package dev.portal.login.notification;

import java.util.Locale;
import java.util.Map;

/** Reads text and switches from the environment for config records; a bad value names its variable. */
final class EnvText {
  private EnvText() {
  }

  /** The trimmed value, or {@code fallback} when missing or blank. */
  static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  /** {@code true} or {@code false} (any case); missing or blank means {@code fallback}. */
  static boolean flag(Map<String, String> env, String name, boolean fallback) {
    String value = text(env, name, null);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    };
  }
}

package dev.portal.login.identity;

import java.util.Map;

/** Reads typed settings from environment variables; a bad value names its variable, never echoes a secret. */
final class EnvValues {
  private EnvValues() {
  }

  static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  static int positive(Map<String, String> env, String name, int fallback) {
    int value = integer(env, name, fallback);
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be a positive integer, was " + value);
    }
    return value;
  }

  static int nonNegative(Map<String, String> env, String name, int fallback) {
    int value = integer(env, name, fallback);
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }

  static int integer(Map<String, String> env, String name, int fallback) {
    String value = text(env, name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'");
    }
  }
}

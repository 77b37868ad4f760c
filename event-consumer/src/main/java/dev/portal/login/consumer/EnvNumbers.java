package dev.portal.login.consumer;

import java.time.Duration;
import java.util.Map;

/**
 * Reads positive whole numbers from the environment for config records, failing start-up with a
 * message that names the variable when a value is not one. A missing or blank value means the default.
 */
public final class EnvNumbers {
  private EnvNumbers() {
  }

  /** A positive number of milliseconds. */
  public static Duration positiveMillis(Map<String, String> env, String name, long defaultValue) {
    return Duration.ofMillis(requirePositive(name, number(env, name, defaultValue)));
  }

  /** Zero or a positive number of milliseconds. */
  public static Duration nonNegativeMillis(Map<String, String> env, String name, long defaultValue) {
    long value = number(env, name, defaultValue);
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
    return Duration.ofMillis(value);
  }

  /** A positive count that fits an int. */
  public static int positiveCount(Map<String, String> env, String name, int defaultValue) {
    long value = requirePositive(name, number(env, name, defaultValue));
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " is too large, got " + value);
    }
    return (int) value;
  }

  private static long number(Map<String, String> env, String name, long defaultValue) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'", e);
    }
  }

  private static long requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be greater than zero, got " + value);
    }
    return value;
  }
}

package dev.portal.login.identity;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** RFC 4648 base32, the encoding authenticator apps expect for TOTP secrets. */
final class Base32 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {
  }

  /** @param padded whether to append '=' to a multiple of 8 characters (otpauth URIs leave it out) */
  static String encode(byte[] data, boolean padded) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5 + 8);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    while (padded && out.length() % 8 != 0) {
      out.append('=');
    }
    return out.toString();
  }

  /**
   * Decodes base32 in either case, ignoring padding, spaces and dashes (as people copy it).
   *
   * @throws IllegalArgumentException on any other character
   */
  static byte[] decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
      if (c == '=' || c == ' ' || c == '-') {
        continue;
      }
      int value = ALPHABET.indexOf(c);
      if (value < 0) {
        throw new IllegalArgumentException("not a base32 character");
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xFF);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}

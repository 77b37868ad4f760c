package dev.portal.login.identity;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Phone numbers in the one form SMS gateways take: '+', country code, subscriber number (E.164-ish).
 * People in Indonesia write their mobile number as 08..., which is +628...
 */
final class PhoneNumbers {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");
  private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9][0-9]{7,14}");
  private static final String INDONESIA = "+62";

  private PhoneNumbers() {
  }

  /** The normalised number, or null when {@code raw} is not a phone number. */
  static String normalise(String raw) {
    if (raw == null || raw.length() > 40) {
      return null;
    }
    String text = SEPARATORS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC).trim()).replaceAll("");
    String candidate;
    if (text.startsWith("08")) {
      candidate = INDONESIA + text.substring(1);
    } else if (text.startsWith("00")) {
      candidate = "+" + text.substring(2);
    } else if (text.startsWith("+")) {
      candidate = text;
    } else {
      candidate = "+" + text;
    }
    return INTERNATIONAL.matcher(candidate).matches() ? candidate : null;
  }
}

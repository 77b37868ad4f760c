package dev.portal.login.notification;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of one template in one language: an e-mail subject and body and a short SMS text, each
 * with {@code {{name}}} placeholders. Values are inserted as they are (every channel sends plain text).
 */
record MessageTemplate(String name, MessageLocale locale, String subject, String sms, String body) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");
  /** What a message exists to carry: without it, sending would mislead rather than help. */
  private static final Set<String> REQUIRED = Set.of("code", "link");

  /** The e-mail form: subject and body. */
  Rendered email(Map<String, String> values) {
    return new Rendered(fill(subject, values), fill(body, values));
  }

  /** The SMS form: no subject. */
  Rendered sms(Map<String, String> values) {
    return new Rendered(null, fill(sms, values));
  }

  private String fill(String text, Map<String, String> values) {
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder filled = new StringBuilder();
    while (placeholder.find()) {
      String key = placeholder.group(1);
      String value = values.get(key);
      if (value == null) {
        if (REQUIRED.contains(key)) {
          throw new MissingValueException("template " + name + " needs " + key + ", which the message does not carry");
        }
        value = locale.unknown();
      }
      placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(filled);
    return filled.toString();
  }

  /** A filled template; the subject is null for SMS. */
  record Rendered(String subject, String text) {
    /** Never shows the text, which may hold a code or link. */
    @Override
    public String toString() {
      return "Rendered[subject=" + subject + "]";
    }
  }

  /** A message lacks what its template cannot do without. Its text names the member, never a value. */
  static final class MissingValueException extends RuntimeException {
    MissingValueException(String message) {
      super(message, null, false, false);
    }
  }
}

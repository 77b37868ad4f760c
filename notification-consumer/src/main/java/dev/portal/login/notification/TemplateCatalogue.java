package dev.portal.login.notification;

import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Notification.Templates;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every message text, loaded once from the resources {@code templates/<locale>/<template>.txt}: header
 * lines {@code Subject:} and {@code Sms:}, a blank line, then the e-mail body. A missing or malformed
 * file fails start-up, so a message is never found without its text at delivery time.
 */
final class TemplateCatalogue {
  static final List<String> TEMPLATES = List.of(Templates.ACCOUNT_LOCKED, Templates.LOGIN_CODE,
      Templates.STEP_UP_CODE, Templates.PHONE_VERIFICATION_CODE, Templates.EMAIL_VERIFICATION,
      Templates.PASSWORD_RESET_LINK, Templates.PASSWORD_RESET_CODE, Templates.PASSWORD_CHANGED, Templates.NEW_SIGN_IN);
  /** A permanent lock reads differently: there is no end to wait for. */
  static final String PERMANENT_LOCK = Templates.ACCOUNT_LOCKED + ".permanent";
  /** Data members holding an ISO-8601 instant, shown as a local time. */
  private static final Set<String> TIMES = Set.of("when", "lockedUntil");
  /** Members of the opened sealed part that go into texts ({@code to} never does). */
  private static final List<String> SECRETS = List.of("code", "link");
  private static final String RESOURCE_ROOT = "templates/";

  private final Map<String, MessageTemplate> templates;

  private TemplateCatalogue(Map<String, MessageTemplate> templates) {
    this.templates = Map.copyOf(templates);
  }

  /** @throws IllegalStateException naming the file when one is missing or malformed */
  static TemplateCatalogue load() {
    Map<String, MessageTemplate> templates = new HashMap<>();
    for (MessageLocale locale : MessageLocale.values()) {
      for (String name : TEMPLATES) {
        templates.put(key(name, locale), read(name, locale));
      }
      templates.put(key(PERMANENT_LOCK, locale), read(PERMANENT_LOCK, locale));
    }
    return new TemplateCatalogue(templates);
  }

  boolean knows(String template) {
    return TEMPLATES.contains(template);
  }

  /** The texts for this message in this language. */
  MessageTemplate templateFor(Notification message, MessageLocale locale) {
    String name = Templates.ACCOUNT_LOCKED.equals(message.template())
        && Boolean.TRUE.equals(message.data().getValue("permanent")) ? PERMANENT_LOCK : message.template();
    MessageTemplate template = templates.get(key(name, locale));
    if (template == null) {
      throw new IllegalArgumentException("no template " + message.template() + " in " + locale.tag());
    }
    return template;
  }

  /** What the placeholders are filled with: the clear data, times in the message's language, and the opened secrets. */
  static Map<String, String> values(Notification message, JsonObject secret, MessageLocale locale) {
    Map<String, String> values = new HashMap<>();
    message.data().forEach(member -> {
      if (member.getValue() != null) {
        values.put(member.getKey(), TIMES.contains(member.getKey())
            ? time(member.getValue().toString(), locale) : member.getValue().toString());
      }
    });
    for (String name : SECRETS) {
      String value = secret.getString(name);
      if (value != null) {
        values.put(name, value);
      }
    }
    return values;
  }

  private static String time(String text, MessageLocale locale) {
    try {
      return locale.formatTime(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return text;
    }
  }

  private static String key(String name, MessageLocale locale) {
    return locale.tag() + "/" + name;
  }

  private static MessageTemplate read(String name, MessageLocale locale) {
    String resource = RESOURCE_ROOT + locale.tag() + "/" + name + ".txt";
    try (InputStream in = TemplateCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("message template " + resource + " is missing");
      }
      return parse(name, locale, resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("message template " + resource + " cannot be read", e);
    }
  }

  static MessageTemplate parse(String name, MessageLocale locale, String resource, String text) {
    String normalised = text.replace("\r\n", "\n");
    int blank = normalised.indexOf("\n\n");
    if (blank < 0) {
      throw new IllegalStateException("message template " + resource + " has no blank line after its headers");
    }
    Map<String, String> headers = new HashMap<>();
    for (String line : normalised.substring(0, blank).split("\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalStateException("message template " + resource + " has a header line without a name");
      }
      headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }
    String body = normalised.substring(blank + 2).strip() + "\n";
    String subject = headers.get("Subject");
    String sms = headers.get("Sms");
    if (subject == null || subject.isEmpty() || sms == null || sms.isEmpty() || body.isBlank()) {
      throw new IllegalStateException("message template " + resource + " needs a Subject, an Sms and a body");
    }
    return new MessageTemplate(name, locale, subject, sms, body);
  }
}

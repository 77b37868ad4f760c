package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Notification.Templates;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateCatalogueTest {
  private static final TemplateCatalogue CATALOGUE = TemplateCatalogue.load();
  private static final UUID ACCOUNT = UUID.randomUUID();

  private static MessageTemplate.Rendered email(String template, MessageLocale locale, JsonObject secret,
      JsonObject data) {
    Notification message = Messages.message(template, Notification.EMAIL, ACCOUNT, locale.tag(), secret, data);
    return CATALOGUE.templateFor(message, locale).email(TemplateCatalogue.values(message, secret == null
        ? new JsonObject() : secret, locale));
  }

  @Test
  @DisplayName("every template name of the contract has an e-mail and SMS text in Indonesian and English")
  void everyTemplateInEveryLanguage() throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field field : Templates.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        names.add((String) field.get(null));
      }
    }
    assertEquals(9, names.size(), names.toString());
    JsonObject secret = new JsonObject().put("code", "483920").put("link", "https://portal.example.id/x?token=t0k3n");
    for (String name : names) {
      assertTrue(CATALOGUE.knows(name), name);
      for (MessageLocale locale : MessageLocale.values()) {
        Notification message = Messages.message(name, Notification.EMAIL, ACCOUNT, locale.tag(), secret,
            new JsonObject());
        MessageTemplate template = CATALOGUE.templateFor(message, locale);
        Map<String, String> values = TemplateCatalogue.values(message, secret, locale);
        MessageTemplate.Rendered mail = template.email(values);
        MessageTemplate.Rendered sms = template.sms(values);
        assertFalse(mail.subject().isBlank(), name + "/" + locale);
        assertFalse(mail.text().contains("{{"), name + "/" + locale + ": " + mail.text());
        assertFalse(sms.text().contains("{{"), name + "/" + locale + ": " + sms.text());
        assertNull(sms.subject());
        assertTrue(sms.text().length() <= 160, name + "/" + locale + " SMS is " + sms.text().length() + " chars");
      }
    }
    assertFalse(CATALOGUE.knows("welcome"));
  }

  @ParameterizedTest(name = "{0} in {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "login-code|ID|Kode verifikasi Anda",
      "login-code|EN|Your verification code",
      "password-reset-link|ID|Atur ulang kata sandi",
      "password-reset-link|EN|Reset your password",
      "password-changed|ID|Kata sandi Anda telah diubah",
      "password-changed|EN|Your password was changed",
      "account-locked|ID|Akun Anda dikunci sementara",
      "account-locked|EN|Your account is temporarily locked",
      "new-sign-in|ID|Masuk baru ke akun Anda",
      "new-sign-in|EN|New sign-in to your account",
      "email-verification|ID|Verifikasi alamat e-mail Anda",
      "email-verification|EN|Verify your e-mail address"})
  @DisplayName("each template has its subject in the message's language")
  void subjects(String template, MessageLocale locale, String subject) {
    JsonObject secret = new JsonObject().put("code", "111222").put("link", "https://portal.example.id/l");
    assertEquals(subject, email(template, locale, secret, new JsonObject()).subject());
  }

  @Test
  @DisplayName("a login code reads as the portals' SMS and e-mail, with the code and its lifetime")
  void loginCode() {
    JsonObject secret = new JsonObject().put("code", "123456").put("to", "+6281234567890");
    Notification message = Messages.message(Templates.LOGIN_CODE, Notification.SMS, ACCOUNT, "id", secret,
        Messages.codeData());
    MessageTemplate template = CATALOGUE.templateFor(message, MessageLocale.ID);
    Map<String, String> values = TemplateCatalogue.values(message, secret, MessageLocale.ID);
    assertEquals("Kode verifikasi Anda: 123456. Berlaku 5 menit. Jangan berikan kode ini kepada siapa pun.",
        template.sms(values).text());
    MessageTemplate.Rendered mail = template.email(values);
    assertTrue(mail.text().contains("123456"), mail.text());
    assertTrue(mail.text().contains("berlaku 5 menit"), mail.text());
    assertFalse(mail.text().contains("+6281234567890"), "the destination is not part of the text");
  }

  @Test
  @DisplayName("times are shown in Western Indonesian Time, worded for the language")
  void timesInJakarta() {
    JsonObject data = new JsonObject().put("when", "2025-11-21T07:05:00Z").put("ip", "203.0.113.9")
        .put("lockedUntil", "2025-11-21T07:20:00Z").put("permanent", false);
    MessageTemplate.Rendered id = email(Templates.ACCOUNT_LOCKED, MessageLocale.ID, null, data);
    assertTrue(id.text().contains("21 November 2025 pukul 14.05 WIB"), id.text());
    assertTrue(id.text().contains("Coba lagi setelah 21 November 2025 pukul 14.20 WIB"), id.text());
    assertTrue(id.text().contains("203.0.113.9"), id.text());
    MessageTemplate.Rendered en = email(Templates.ACCOUNT_LOCKED, MessageLocale.EN, null, data);
    assertTrue(en.text().contains("Try again after 21 November 2025 at 14:20 WIB (UTC+7)"), en.text());
  }

  @Test
  @DisplayName("a permanent lock gets its own text, without an end time to wait for")
  void permanentLock() {
    JsonObject data = new JsonObject().put("when", "2025-11-21T07:05:00Z").put("ip", "203.0.113.9")
        .putNull("lockedUntil").put("permanent", true);
    MessageTemplate.Rendered id = email(Templates.ACCOUNT_LOCKED, MessageLocale.ID, null, data);
    assertEquals("Akun Anda dikunci", id.subject());
    assertTrue(id.text().contains("tidak berakhir dengan sendirinya"), id.text());
    assertFalse(id.text().contains("Coba lagi setelah"), id.text());
  }

  @Test
  @DisplayName("a value the sender did not know reads as unknown, but a missing code or link refuses to render")
  void missingValues() {
    MessageTemplate.Rendered signIn = email(Templates.NEW_SIGN_IN, MessageLocale.EN, null,
        new JsonObject().put("when", "2025-11-21T07:05:00Z"));
    assertTrue(signIn.text().contains("Device: unknown"), signIn.text());
    MessageTemplate.MissingValueException missing = assertThrows(MessageTemplate.MissingValueException.class,
        () -> email(Templates.LOGIN_CODE, MessageLocale.ID, new JsonObject().put("to", "a@example.id"),
            Messages.codeData()));
    assertTrue(missing.getMessage().contains("code"), missing.getMessage());
    assertThrows(MessageTemplate.MissingValueException.class,
        () -> email(Templates.PASSWORD_RESET_LINK, MessageLocale.EN, null, Messages.codeData()));
  }

  @Test
  @DisplayName("a template file without its headers or body is refused at load, naming the file")
  void malformedFile() {
    IllegalStateException noBlank = assertThrows(IllegalStateException.class,
        () -> TemplateCatalogue.parse("x", MessageLocale.ID, "templates/id/x.txt", "Subject: a\nSms: b\nbody"));
    assertTrue(noBlank.getMessage().contains("templates/id/x.txt"), noBlank.getMessage());
    assertThrows(IllegalStateException.class,
        () -> TemplateCatalogue.parse("x", MessageLocale.ID, "templates/id/x.txt", "Subject: a\n\nbody"));
    MessageTemplate parsed = TemplateCatalogue.parse("x", MessageLocale.EN, "r", "Subject: S {{a}}\r\nSms: T\r\n\r\nB\r\n");
    assertEquals("S z", parsed.email(Map.of("a", "z")).subject());
    assertEquals("B\n", parsed.email(Map.of()).text());
  }
}

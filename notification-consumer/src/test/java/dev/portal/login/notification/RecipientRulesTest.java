package dev.portal.login.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Notification.Templates;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecipientRulesTest {
  private static final UUID ACCOUNT = UUID.randomUUID();
  private static final Contact VERIFIED = new Contact(ACCOUNT, "siti@example.id", true, "+6281234567890", true, "en");
  private static final Contact UNVERIFIED =
      new Contact(ACCOUNT, "siti@example.id", false, "+6281234567890", false, "en");

  private static OpenedNotification message(String template, String channel, String locale, JsonObject secret) {
    return Messages.opened(Messages.message(template, channel, ACCOUNT, locale, secret, new JsonObject()));
  }

  private static Addressing address(String template, String channel, Contact contact) {
    return RecipientRules.address(message(template, channel, null, null), Optional.ofNullable(contact));
  }

  @Test
  @DisplayName("a sealed destination wins over the account's contact, even one not verified yet")
  void sealedDestinationWins() {
    OpenedNotification opened = message(Templates.PHONE_VERIFICATION_CODE, Notification.SMS, "id",
        new JsonObject().put("code", "1").put("to", "+6289999999999"));
    assertFalse(RecipientRules.needsContact(opened), "destination and language are known: no lookup");
    assertEquals(new Addressing.To("+6289999999999", MessageLocale.ID),
        RecipientRules.address(opened, Optional.of(UNVERIFIED)));
  }

  @Test
  @DisplayName("without a sealed destination, codes and alerts go only to a verified e-mail or phone")
  void onlyVerifiedContacts() {
    assertEquals(new Addressing.To("siti@example.id", MessageLocale.EN),
        address(Templates.NEW_SIGN_IN, Notification.EMAIL, VERIFIED));
    assertEquals(new Addressing.To("+6281234567890", MessageLocale.EN),
        address(Templates.PASSWORD_RESET_CODE, Notification.SMS, VERIFIED));
    assertEquals(new Addressing.Nobody(RecipientRules.NO_EMAIL),
        address(Templates.NEW_SIGN_IN, Notification.EMAIL, UNVERIFIED));
    assertEquals(new Addressing.Nobody(RecipientRules.NO_EMAIL),
        address(Templates.LOGIN_CODE, Notification.EMAIL, UNVERIFIED));
    assertEquals(new Addressing.Nobody(RecipientRules.NO_PHONE),
        address(Templates.PASSWORD_RESET_CODE, Notification.SMS, UNVERIFIED));
    assertEquals(new Addressing.Nobody(RecipientRules.NO_PHONE), address(Templates.LOGIN_CODE, Notification.SMS,
        new Contact(ACCOUNT, "siti@example.id", true, null, false, "id")));
  }

  @Test
  @DisplayName("password-changed and account-locked warnings reach the account e-mail even unverified")
  void warningsToUnverifiedEmail() {
    assertEquals(new Addressing.To("siti@example.id", MessageLocale.EN),
        address(Templates.PASSWORD_CHANGED, Notification.EMAIL, UNVERIFIED));
    assertEquals(new Addressing.To("siti@example.id", MessageLocale.EN),
        address(Templates.ACCOUNT_LOCKED, Notification.EMAIL, UNVERIFIED));
    assertEquals(new Addressing.Nobody(RecipientRules.NO_PHONE),
        address(Templates.ACCOUNT_LOCKED, Notification.SMS, UNVERIFIED), "the exception is for e-mail only");
  }

  @Test
  @DisplayName("no account to look up means nobody to send to")
  void noAccount() {
    OpenedNotification opened = message(Templates.LOGIN_CODE, Notification.EMAIL, null, new JsonObject().put("code", "1"));
    assertTrue(RecipientRules.needsContact(opened));
    assertEquals(new Addressing.Nobody(RecipientRules.NO_ACCOUNT), RecipientRules.address(opened, Optional.empty()));
  }

  @Test
  @DisplayName("the language is the message's, else the account's, else Indonesian")
  void language() {
    Notification english = Messages.message(Templates.LOGIN_CODE, Notification.EMAIL, ACCOUNT, "en", null, null);
    Notification unset = Messages.message(Templates.LOGIN_CODE, Notification.EMAIL, ACCOUNT, null, null, null);
    Contact indonesian = new Contact(ACCOUNT, "a@example.id", true, null, false, "id");
    assertEquals(MessageLocale.EN, RecipientRules.locale(english, Optional.of(indonesian)));
    assertEquals(MessageLocale.ID, RecipientRules.locale(unset, Optional.of(indonesian)));
    assertEquals(MessageLocale.EN, RecipientRules.locale(unset, Optional.of(VERIFIED)));
    assertEquals(MessageLocale.ID, RecipientRules.locale(unset, Optional.empty()));
    assertEquals(MessageLocale.ID, RecipientRules.locale(unset,
        Optional.of(new Contact(ACCOUNT, "a@example.id", true, null, false, "fr"))));
    OpenedNotification sealedTo = Messages.opened(Messages.message(Templates.LOGIN_CODE, Notification.EMAIL, ACCOUNT,
        null, new JsonObject().put("to", "a@example.id").put("code", "1"), null));
    assertTrue(RecipientRules.needsContact(sealedTo), "the language must be looked up");
  }
}

package dev.portal.login.notification;

import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Notification.Templates;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who receives a message and in which language. A destination the sender sealed into the
 * message wins (it may be a number or address being verified). Otherwise the account's own contact
 * of the channel, and only a verified one: codes and links must not reach an address nobody proved
 * to own. The exception are warnings to the owner (password changed, account locked), which go to
 * the account e-mail even unverified, because not hearing of them is worse.
 */
final class RecipientRules {
  static final Set<String> WARNINGS_TO_UNVERIFIED_EMAIL = Set.of(Templates.PASSWORD_CHANGED, Templates.ACCOUNT_LOCKED);
  static final String NO_ACCOUNT = "no_recipient: no account to reach";
  static final String NO_EMAIL = "no_recipient: no verified e-mail";
  static final String NO_PHONE = "no_recipient: no verified phone";

  private RecipientRules() {
  }

  /** Whether the contact must be looked up: for the destination or for the language. */
  static boolean needsContact(OpenedNotification opened) {
    return opened.message().accountId() != null
        && (opened.sealedTo() == null || opened.message().locale() == null);
  }

  static Addressing address(OpenedNotification opened, Optional<Contact> contact) {
    Notification message = opened.message();
    MessageLocale locale = locale(message, contact);
    String sealedTo = opened.sealedTo();
    if (sealedTo != null && !sealedTo.isBlank()) {
      return new Addressing.To(sealedTo, locale);
    }
    if (contact.isEmpty()) {
      return new Addressing.Nobody(NO_ACCOUNT);
    }
    return Notification.SMS.equals(message.channel()) ? phone(contact.get(), locale) : email(message, contact.get(),
        locale);
  }

  /** The message's language, else the account's, else the default. */
  static MessageLocale locale(Notification message, Optional<Contact> contact) {
    return Optional.ofNullable(message.locale()).flatMap(MessageLocale::find)
        .or(() -> contact.map(Contact::locale).flatMap(MessageLocale::find))
        .orElse(MessageLocale.DEFAULT);
  }

  private static Addressing email(Notification message, Contact contact, MessageLocale locale) {
    boolean allowed = contact.emailVerified() || WARNINGS_TO_UNVERIFIED_EMAIL.contains(message.template());
    return present(contact.email()) && allowed ? new Addressing.To(contact.email(), locale)
        : new Addressing.Nobody(NO_EMAIL);
  }

  private static Addressing phone(Contact contact, MessageLocale locale) {
    return present(contact.phone()) && contact.phoneVerified() ? new Addressing.To(contact.phone(), locale)
        : new Addressing.Nobody(NO_PHONE);
  }

  private static boolean present(String text) {
    return text != null && !text.isBlank();
  }
}

package dev.portal.login.notification;

/** Where a message goes and in which language, or why it goes nowhere. */
sealed interface Addressing permits Addressing.To, Addressing.Nobody {

  /** @param to an e-mail address or phone number: never logged */
  record To(String to, MessageLocale locale) implements Addressing {
    @Override
    public String toString() {
      return "To[" + locale + "]";
    }
  }

  /** @param reason short, quotes nothing of the message */
  record Nobody(String reason) implements Addressing {
  }
}

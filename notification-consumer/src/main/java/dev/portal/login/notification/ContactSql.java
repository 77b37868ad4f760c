package dev.portal.login.notification;

/** The SQL of the notification consumer: it reads only the contact view of the identity schema. */
final class ContactSql {
  static final String FIND_CONTACT = """
      SELECT account_id, email, email_verified, phone, phone_verified, locale
      FROM identity.notification_contact
      WHERE account_id = $1""";

  /** The health probe: the view is there and readable, without reading a row. */
  static final String PROBE = "SELECT 1 FROM identity.notification_contact LIMIT 0";

  private ContactSql() {
  }
}

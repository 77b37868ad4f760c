package dev.portal.login.identity;

/** The SQL of e-mail verification, password reset and password change (identity schema), in one place. */
final class RecoverySql {
  private RecoverySql() {
  }

  static final String INSERT_EMAIL_LINK = """
      INSERT INTO identity.email_link (token_hash, account_id, purpose, email, created_at, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6)""";

  /** The owner of a live link, without spending it (a reset first checks everything else). */
  static final String FIND_LIVE_LINK = """
      SELECT account_id, email FROM identity.email_link
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3""";

  /** Spends a live link; exactly one of two concurrent requests gets the row back. */
  static final String SPEND_LINK = """
      UPDATE identity.email_link SET used_at = $3
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
      RETURNING account_id, email""";

  /** Spends every other live link of one purpose of an account (a reset makes older reset links void). */
  static final String SPEND_OPEN_LINKS = """
      UPDATE identity.email_link SET used_at = $3
      WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL""";

  /** Only while the address is still the one the link was sent to; keeps the first verification time. */
  static final String MARK_EMAIL_VERIFIED = """
      UPDATE identity.account SET email_verified_at = COALESCE(email_verified_at, $3), updated_at = $3
      WHERE id = $1 AND email = $2
      RETURNING id""";

  static final String FIND_RECOVERY_ACCOUNT = """
      SELECT id, username, email, email_verified_at, phone, phone_verified_at, mfa_method, locale, password_hash,
             status
      FROM identity.account WHERE id = $1""";

  static final String FIND_ACCOUNT_VIEW = """
      SELECT id, username, email, phone, national_id, employer_number, locale, roles, status, created_at,
             email_verified_at, mfa_method
      FROM identity.account WHERE id = $1""";

  static final String SET_PASSWORD = """
      UPDATE identity.account SET password_hash = $2, password_changed_at = $3, updated_at = $3
      WHERE id = $1
      RETURNING id""";
}

package dev.portal.login.identity;

/** Every SQL statement of the identity schema, in one place. */
final class IdentitySql {
  private IdentitySql() {
  }

  static final String INSERT_ACCOUNT = """
      INSERT INTO identity.account
        (id, username, email, phone, national_id, employer_number, locale, password_hash, roles, status,
         created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)""";

  /** Inserts the identifiers that are free and returns their kinds; the missing ones are taken. */
  static final String INSERT_IDENTIFIERS = """
      INSERT INTO identity.account_identifier (kind, value, account_id)
      SELECT kind, value, $3 FROM unnest($1::text[], $2::text[]) AS requested(kind, value)
      ON CONFLICT (kind, value) DO NOTHING
      RETURNING kind""";

  static final String FIND_CREDENTIALS_BY_IDENTIFIER = """
      SELECT a.id, a.password_hash, a.roles, a.status, a.mfa_method, a.email_verified_at IS NOT NULL AS email_verified
      FROM identity.account_identifier i JOIN identity.account a ON a.id = i.account_id
      WHERE i.kind = $1 AND i.value = $2""";

  static final String FIND_CREDENTIALS_BY_ID = """
      SELECT id, password_hash, roles, status, mfa_method, email_verified_at IS NOT NULL AS email_verified
      FROM identity.account WHERE id = $1""";

  static final String FIND_ACCOUNT_BY_ID = """
      SELECT id, username, email, phone, national_id, employer_number, locale, roles, status, created_at
      FROM identity.account WHERE id = $1""";

  static final String IDENTIFIER_EXISTS = """
      SELECT 1 FROM identity.account_identifier WHERE kind = $1 AND value = $2""";

  /** Serialises signing-key creation across instances for the length of one transaction. */
  static final String LOCK_SIGNING_KEYS = "SELECT pg_advisory_xact_lock($1)";

  static final String SELECT_USABLE_SIGNING_KEYS = """
      SELECT kid, private_jwk_sealed FROM identity.signing_key
      WHERE not_before <= $1 AND (retire_after IS NULL OR retire_after > $1)
      ORDER BY created_at DESC, kid""";

  static final String INSERT_SIGNING_KEY = """
      INSERT INTO identity.signing_key (kid, algorithm, public_jwk, private_jwk_sealed, created_at, not_before)
      VALUES ($1, $2, $3, $4, $5, $5)""";

  /** Keys still published at $1 (retired ones are left out), with the times their schedule needs. */
  static final String SELECT_LIVE_SIGNING_KEYS = """
      SELECT kid, private_jwk_sealed, not_before, retire_after FROM identity.signing_key
      WHERE retire_after IS NULL OR retire_after > $1
      ORDER BY not_before DESC, kid""";

  static final String INSERT_SCHEDULED_SIGNING_KEY = """
      INSERT INTO identity.signing_key (kid, algorithm, public_jwk, private_jwk_sealed, created_at, not_before)
      VALUES ($1, $2, $3, $4, $5, $6)""";

  static final String RETIRE_SIGNING_KEY = """
      UPDATE identity.signing_key SET retire_after = $2 WHERE kid = $1 AND retire_after IS NULL""";

  /** Disables or enables an account; returns nothing when there is no such account. */
  static final String SET_ACCOUNT_STATUS = """
      UPDATE identity.account SET status = $2, updated_at = $3 WHERE id = $1 RETURNING status""";

  static final String ACCOUNT_EXISTS = "SELECT 1 FROM identity.account WHERE id = $1";

  static final String PING = "SELECT 1";
}

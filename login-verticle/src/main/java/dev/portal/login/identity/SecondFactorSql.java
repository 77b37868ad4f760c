package dev.portal.login.identity;

/** The SQL of second factors (method, authenticator secret, recovery codes, verified phone), in one place. */
final class SecondFactorSql {
  private SecondFactorSql() {
  }

  static final String FIND_ACCOUNT = """
      SELECT id, username, email, email_verified_at IS NOT NULL AS email_verified, phone,
             phone_verified_at IS NOT NULL AS phone_verified, locale, mfa_method, totp_secret_sealed, status, roles,
             password_hash
      FROM identity.account WHERE id = $1""";

  /** Leaving totp drops its secret (the recovery codes go in a second statement of the same transaction). */
  static final String SET_METHOD = """
      UPDATE identity.account
      SET mfa_method = $2,
          totp_secret_sealed = CASE WHEN $2 = 'totp' THEN totp_secret_sealed END,
          updated_at = $3
      WHERE id = $1""";

  static final String ENABLE_TOTP = """
      UPDATE identity.account SET mfa_method = 'totp', totp_secret_sealed = $2, updated_at = $3 WHERE id = $1""";

  static final String DELETE_RECOVERY_CODES = "DELETE FROM identity.recovery_code WHERE account_id = $1";

  static final String INSERT_RECOVERY_CODES = """
      INSERT INTO identity.recovery_code (account_id, code_hash, created_at)
      SELECT $1, code_hash, $3 FROM unnest($2::bytea[]) AS code_hash""";

  /**
   * Spends one unused recovery code; the CTE's UPDATE is invisible to the count beside it, so the
   * count is taken before the spend and the caller subtracts what was used.
   */
  static final String USE_RECOVERY_CODE = """
      WITH used AS (
        UPDATE identity.recovery_code SET used_at = $3
        WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL
        RETURNING 1)
      SELECT (SELECT count(*) FROM used) AS used,
             (SELECT count(*) FROM identity.recovery_code WHERE account_id = $1 AND used_at IS NULL) AS unused""";

  static final String COUNT_RECOVERY_CODES = """
      SELECT count(*) AS unused FROM identity.recovery_code WHERE account_id = $1 AND used_at IS NULL""";

  static final String SET_VERIFIED_PHONE = """
      UPDATE identity.account SET phone = $2, phone_verified_at = $3, updated_at = $3 WHERE id = $1""";
}

-- Recovery codes are now kept as HMAC-SHA256 under a key derived from the key-encryption key, bound
-- to the account (login-backend/recovery-code/v1), instead of a plain SHA-256: 50 bits are too few
-- to withstand an offline search of a stolen table. Codes stored in the old form can no longer be
-- matched; no release ever issued them, so none are converted.
COMMENT ON COLUMN identity.recovery_code.code_hash IS
  'HMAC-SHA256(derived key, account id || '':'' || normalised code); never the code';

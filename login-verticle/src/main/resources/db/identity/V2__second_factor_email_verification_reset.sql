-- Second factor, e-mail verification and password reset (issue 4).

-- The second-factor method of each account. An SMS method needs a verified phone; an authenticator
-- (totp) needs a confirmed secret, sealed (AES-256-GCM under the key-encryption key, bound to the
-- account id) so a database dump alone cannot produce codes.
ALTER TABLE identity.account
  ADD COLUMN mfa_method         text        NOT NULL DEFAULT 'none',
  ADD COLUMN totp_secret_sealed bytea       NULL,
  ADD COLUMN email_verified_at  timestamptz NULL,
  ADD COLUMN phone_verified_at  timestamptz NULL,
  ADD COLUMN password_changed_at timestamptz NULL,
  ADD CONSTRAINT account_mfa_method_known CHECK (mfa_method IN ('none', 'email', 'sms', 'totp')),
  ADD CONSTRAINT account_totp_has_secret CHECK (mfa_method <> 'totp' OR totp_secret_sealed IS NOT NULL),
  ADD CONSTRAINT account_sms_has_verified_phone
    CHECK (mfa_method <> 'sms' OR (phone IS NOT NULL AND phone_verified_at IS NOT NULL));

-- Single-use recovery codes, stored as SHA-256 of the normalised code (each code has 50 random bits,
-- too many to guess offline, and a slow hash would make ten checks per use cost seconds).
CREATE TABLE identity.recovery_code (
  account_id uuid        NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
  code_hash  bytea       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at    timestamptz NULL,
  PRIMARY KEY (account_id, code_hash)
);

-- Links sent by e-mail (verification, password reset): 32 random bytes in the link, only their
-- SHA-256 here; single use (used_at) and short-lived (expires_at).
CREATE TABLE identity.email_link (
  token_hash bytea       PRIMARY KEY,
  account_id uuid        NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
  purpose    text        NOT NULL,
  email      text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz NULL,
  CONSTRAINT email_link_purpose_known CHECK (purpose IN ('verify-email', 'reset-password'))
);

CREATE INDEX email_link_by_account ON identity.email_link (account_id, purpose);

-- The one thing the notification consumer reads from this schema: where and in which language to
-- reach an account. A view, so the consumer depends on this shape and not on the account table.
CREATE VIEW identity.notification_contact AS
SELECT id AS account_id,
       email,
       email_verified_at IS NOT NULL AS email_verified,
       phone,
       phone_verified_at IS NOT NULL AS phone_verified,
       locale
FROM identity.account;

-- Accounts and their credentials. One row per identifier in account_identifier makes login a
-- single indexed lookup whatever the person typed, and lets the primary key enforce uniqueness
-- per kind (username, email, nik, npp) inside the database, race-free.
CREATE TABLE identity.account (
  id              uuid PRIMARY KEY,
  username        text        NOT NULL,
  email           text        NOT NULL,
  phone           text        NULL,
  national_id     text        NULL,
  employer_number text        NULL,
  locale          text        NOT NULL DEFAULT 'id',
  password_hash   text        NOT NULL,
  roles           text[]      NOT NULL DEFAULT ARRAY['user']::text[],
  status          text        NOT NULL DEFAULT 'active',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT account_status_known CHECK (status IN ('active', 'disabled')),
  CONSTRAINT account_locale_known CHECK (locale IN ('id', 'en'))
);

CREATE TABLE identity.account_identifier (
  kind       text NOT NULL,
  value      text NOT NULL,
  account_id uuid NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, value),
  CONSTRAINT account_identifier_kind_known CHECK (kind IN ('username', 'email', 'nik', 'npp'))
);

CREATE INDEX account_identifier_by_account ON identity.account_identifier (account_id);

-- Token signing keys. The private JWK is sealed (AES-256-GCM under the key-encryption key), so
-- a database dump alone cannot mint tokens.
CREATE TABLE identity.signing_key (
  kid                text PRIMARY KEY,
  algorithm          text        NOT NULL,
  public_jwk         jsonb       NOT NULL,
  private_jwk_sealed bytea       NOT NULL,
  created_at         timestamptz NOT NULL,
  not_before         timestamptz NOT NULL,
  retire_after       timestamptz NULL
);

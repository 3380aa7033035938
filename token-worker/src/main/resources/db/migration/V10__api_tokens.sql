-- Access tokens per account, encrypted (AES-256-GCM, see dev.storyline.token.crypto.TokenCipher).
-- The plaintext never reaches the database; key_id says which TOKEN_ENCRYPTION_KEYS entry sealed it.
create table api_tokens (
    id                       uuid primary key,
    account_id               text        not null check (account_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    service                  text        not null default 'instagram' check (service in ('instagram')),
    token_type               text        not null default 'long_lived' check (token_type in ('long_lived')),
    -- decides the refresh endpoint: graph.instagram.com vs graph.facebook.com (LESSONS 21)
    login_type               text        not null check (login_type in ('instagram_login', 'facebook_login')),
    instagram_user_id        text,
    ciphertext               bytea       not null,
    key_id                   text        not null,
    nonce                    bytea       not null check (octet_length(nonce) = 12),
    issued_at                timestamptz not null,
    expires_at               timestamptz not null,
    -- true when nobody told us the expiry (a pasted token): the first refresh learns the real one
    expiry_assumed           boolean     not null default false,
    last_refreshed_at        timestamptz,
    scopes                   text[]      not null default '{}',
    metadata                 jsonb       not null default '{}',
    created_at               timestamptz not null default now(),
    revoked_at               timestamptz,
    last_refresh_attempt_at  timestamptz,
    -- set by a persistent refresh failure, cleared by a successful refresh or a new token
    refresh_failed_at        timestamptz,
    last_error               text
);

-- One active token per account and service; replaced tokens are revoked, not deleted, in the same transaction.
create unique index api_tokens_one_active on api_tokens (account_id, service) where revoked_at is null;
create index api_tokens_by_expiry on api_tokens (expires_at) where revoked_at is null;

-- The last INSTAGRAM_ACCESS_TOKEN taken from the environment (as a SHA-256 fingerprint, never the value):
-- a restart with the same variable must not put back a token that has since been refreshed or replaced.
create table env_token_ingests (
    account_id   text primary key,
    value_sha256 text        not null check (value_sha256 ~ '^[0-9a-f]{64}$'),
    ingested_at  timestamptz not null default now()
);

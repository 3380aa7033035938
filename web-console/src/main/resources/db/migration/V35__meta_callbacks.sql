-- Meta's deauthorize and data-deletion callbacks, one row per signed request Meta sent. The person's
-- Instagram user id is not kept: request_key is a SHA-256 of it and the request's issued_at, enough to
-- recognise Meta sending the same request again (it is then answered without acting twice).
create table meta_callbacks (
    id                bigserial primary key,
    kind              text        not null check (kind in ('DEAUTHORIZE', 'DATA_DELETION')),
    request_key       text        not null check (request_key ~ '^[0-9a-f]{64}$'),
    -- only data-deletion requests get one; the public status page looks the request up by it
    confirmation_code text unique check (confirmation_code ~ '^[0-9a-f]{32}$'),
    -- RECEIVED until every step is done (a failed step leaves it RECEIVED, Meta's repeat retries it)
    state             text        not null check (state in ('RECEIVED', 'DONE', 'NOTHING_HELD')),
    accounts          int         not null default 0,
    tokens_deleted    int         not null default 0,
    received_at       timestamptz not null default now(),
    completed_at      timestamptz,
    unique (kind, request_key)
);

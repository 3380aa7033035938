-- One row per post this worker was asked to publish: the worker's own idempotency state for the
-- self-managed MediaHosted handler (the inbox alone cannot help: a new eventId for the same post,
-- or a crash between the Graph API call and the inbox mark, must not publish twice).
create table publications (
    post_id              uuid primary key,
    account_id           text        not null,
    container_id         text,
    status               text        not null check (status in ('CLAIMED', 'CONTAINER_CREATED', 'PUBLISHED', 'FAILED')),
    story_id             text,
    dry_run              boolean     not null,
    attempts             int         not null default 0 check (attempts >= 0),
    last_error           text,
    -- A claim is a lease, not a held row lock: no transaction stays open across an HTTP call, and a
    -- crashed worker's claim lapses so a redelivery can resume from the stored state. claim_id tells
    -- the holder from a worker that took over a lapsed claim.
    claim_id             uuid,
    claimed_until        timestamptz,
    -- Set (and committed) before media_publish is called; once set, media_publish is never called again
    -- for this post, the container's status decides what happened.
    publish_requested_at timestamptz,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    check (status <> 'PUBLISHED' or story_id is not null),
    check (status <> 'CONTAINER_CREATED' or container_id is not null),
    check (publish_requested_at is null or container_id is not null)
);

create index publications_account on publications (account_id, updated_at desc);

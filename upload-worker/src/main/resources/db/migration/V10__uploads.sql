-- One row per post: the hosted copy of its media that the Graph API fetches. A redelivered
-- PostRequested finds the live row and does nothing; an expired or deleted one is replaced in place.

create table uploads (
    post_id          uuid        primary key,
    account_id       text        not null,
    provider         text        not null,
    public_id        text        not null unique,
    -- relative to MEDIA_ROOT, as in PostContent; the local provider serves the file from here
    media_path       text        not null check (media_path !~ '(^/|\.\.)'),
    mime_type        text        not null,
    url              text        not null,
    expires_at       timestamptz not null,
    -- the MediaHosted that announced this upload; written in the same transaction as its outbox row,
    -- so a live row has always been announced and is never announced twice
    hosted_event_id  uuid        not null,
    created_at       timestamptz not null default now(),
    deleted_at       timestamptz
);

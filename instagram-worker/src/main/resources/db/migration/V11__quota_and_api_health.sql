-- The publishing quota Meta reports per Instagram account (GET /{ig-user-id}/content_publishing_limit),
-- cached here for a short time so that every instagram-worker of a scaled pool reads the same numbers.
create table publishing_quota (
    account_id     text primary key,
    ig_user_id     text        not null,
    quota_total    int         not null check (quota_total >= 0),
    quota_duration int         not null check (quota_duration > 0), -- seconds, Meta's rolling window
    usage          int         not null check (usage >= 0),
    checked_at     timestamptz not null
);

-- Our own record of quota units per account: a unit is reserved (under a per-account advisory lock)
-- before the container is created, and counts until the post fails without ever reaching
-- media_publish. published_at is when the Story went live.
alter table publications add column quota_reserved_at timestamptz;
alter table publications add column published_at timestamptz;

create index publications_quota on publications (account_id, quota_reserved_at) where quota_reserved_at is not null;

-- The account's Graph API health as the last outcomes saw it, for routing in the scheduler and for operators.
create table account_api_health (
    account_id          text primary key,
    last_success_at     timestamptz,
    last_error_at       timestamptz,
    last_error_category text,
    last_error          text,
    quota_left          int,
    updated_at          timestamptz not null default now()
);

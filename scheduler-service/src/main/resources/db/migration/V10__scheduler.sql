-- The scheduler is the system of record: accounts, media library, category mix, slots, locks, history.
-- Every table carries account_id NOT NULL (LESSONS 14: rows without a tenant were invisible).

create table accounts (
    id                 text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    display_name       text        not null,
    instagram_user_id  text,
    api_enabled        boolean     not null default false,
    dry_run            boolean     not null default true,
    token_healthy      boolean     not null default true,
    paused             boolean     not null default false,
    media_subdir       text        not null default '' check (media_subdir !~ '(^/|\.\.)'),
    posts_per_day      int         not null default 6 check (posts_per_day between 0 and 100),
    window_start_hour  int         not null default 9 check (window_start_hour between 0 and 23),
    window_end_hour    int         not null default 21 check (window_end_hour between 0 and 24),
    timezone           text        not null default 'UTC',
    jitter_minutes     int         not null default 0 check (jitter_minutes between 0 and 120),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);

-- One item per content hash and account: the same file renamed or moved stays one item (LESSONS 3).
create table media_items (
    id                   uuid primary key,
    account_id           text        not null references accounts (id),
    path                 text        not null,
    category             text        not null,
    sha256               text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    mime_type            text,
    size_bytes           bigint      not null,
    width                int,
    height               int,
    duration_ms          bigint,
    valid                boolean     not null,
    validation_errors    text[]      not null default '{}',
    validation_warnings  text[]      not null default '{}',
    requires_interaction boolean     not null default false,
    title                text,
    caption              text,
    link                 text,
    tags                 text[]      not null default '{}',
    active               boolean     not null default true,
    first_seen_at        timestamptz not null default now(),
    last_seen_at         timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    unique (account_id, sha256)
);

create index media_items_eligible on media_items (account_id, category) where active and valid;

-- Files that could not be indexed at all (unreadable, vanished, outside the root): reported, not lost.
create table media_scan_errors (
    account_id text        not null references accounts (id),
    path       text        not null,
    error      text        not null,
    seen_at    timestamptz not null default now(),
    primary key (account_id, path)
);

-- Category ratios, type 2: the current row has effective_to null.
create table category_mix (
    id             bigserial primary key,
    account_id     text          not null references accounts (id),
    category       text          not null,
    ratio_percent  numeric(5, 2) not null check (ratio_percent > 0 and ratio_percent <= 100),
    effective_from timestamptz   not null default now(),
    effective_to   timestamptz,
    changed_by     text          not null
);

create unique index category_mix_current on category_mix (account_id, category) where effective_to is null;

-- The queue: one row per planned slot; its id is the postId that travels in every event.
create table slots (
    id            uuid primary key,
    account_id    text        not null references accounts (id),
    slot_at       timestamptz not null,
    category      text,
    status        text        not null check (status in
                  ('PLANNED', 'DISPATCHED', 'MANUAL_PENDING', 'PUBLISHED', 'RESOLVED', 'FAILED', 'MISSED', 'EMPTY')),
    media_id      uuid references media_items (id),
    route         text check (route in ('AUTO', 'MANUAL')),
    route_reason  text,
    forced        boolean     not null default false,
    dispatched_at timestamptz,
    completed_at  timestamptz,
    note          text,
    created_at    timestamptz not null default now(),
    unique (account_id, slot_at)
);

create index slots_due on slots (slot_at) where status = 'PLANNED';
create index slots_in_flight on slots (dispatched_at) where status in ('DISPATCHED', 'MANUAL_PENDING');

-- Which local days have been planned per account, so re-planning never adds a day's slots twice.
create table planned_days (
    account_id text not null references accounts (id),
    day        date not null,
    primary key (account_id, day)
);

-- Repost locks. A permanent lock (Reject) has locked_until = 9999-12-31, never NULL, so every comparison
-- with now() treats it as locked (LESSONS 1) and there is no nullable column in a unique rule (LESSONS 2).
create table media_locks (
    id           bigserial primary key,
    account_id   text        not null references accounts (id),
    media_id     uuid        not null references media_items (id),
    reason       text        not null check (reason in ('POSTED', 'SKIPPED', 'REJECTED')),
    locked_until timestamptz not null,
    post_id      uuid        not null,
    created_at   timestamptz not null default now(),
    unique (post_id, media_id)
);

create index media_locks_active on media_locks (account_id, media_id, locked_until);

create table posting_history (
    id          bigserial primary key,
    account_id  text        not null references accounts (id),
    post_id     uuid        not null,
    media_id    uuid references media_items (id),
    status      text        not null check (status in ('PUBLISHED', 'POSTED_MANUALLY', 'SKIPPED', 'REJECTED', 'FAILED')),
    method      text check (method in ('instagram_api', 'telegram_manual')),
    story_id    text,
    posted_by   text,
    error       text,
    dry_run     boolean     not null default false,
    event_id    uuid        not null unique,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null default now()
);

create index posting_history_account on posting_history (account_id, occurred_at desc);
create index posting_history_media on posting_history (media_id, occurred_at desc);

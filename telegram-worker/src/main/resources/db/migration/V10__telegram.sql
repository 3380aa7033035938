-- One row per post sent to people on Telegram: the worker's own idempotency state for the
-- self-managed request handlers (the inbox alone cannot help: a new eventId for the same post, or a
-- crash between the send and the inbox mark, must not send a second message).
create table manual_posts (
    post_id          uuid primary key,
    account_id       text        not null,
    correlation_id   uuid        not null,
    -- SENDING: claimed before the send (LESSONS 6); SENT: the message exists and waits for a decision;
    -- RESOLVED: a person decided (first tap wins); FAILED: Telegram refused it, PostFailed was emitted.
    status           text        not null check (status in ('SENDING', 'SENT', 'RESOLVED', 'FAILED')),
    -- A claim is a lease renewed before every attempt, never a transaction held across an HTTP call.
    -- claims counts grants: a lapsed claim (crashed sender) is taken over at most once more, see ManualPosts.
    claim_id         uuid,
    claimed_until    timestamptz,
    claims           int         not null default 0 check (claims >= 0),
    chat_id          text,
    message_id       bigint,
    message_kind     text check (message_kind in ('PHOTO', 'VIDEO', 'DOCUMENT', 'TEXT')),
    caption          text,
    last_error       text,
    resolved_action  text check (resolved_action in ('POSTED', 'SKIPPED', 'REJECTED')),
    resolved_by_id   bigint,
    resolved_by_name text,
    resolved_at      timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    check (status not in ('SENT', 'RESOLVED') or message_id is not null),
    check (status <> 'RESOLVED' or (resolved_action is not null and resolved_by_id is not null and resolved_at is not null))
);

create index manual_posts_account on manual_posts (account_id, updated_at desc);

-- Exactly one getUpdates poller per bot token across all instances (Telegram answers 409 to a second
-- one). The holder renews its lease every poll; a dead holder's lease lapses and another instance
-- takes over. bot_id is the public numeric part of the token, never the token.
create table poller_leases (
    bot_id      text primary key,
    holder      uuid        not null,
    lease_until timestamptz not null,
    acquired_at timestamptz not null default now()
);

-- Admin alerts repeat (every failed refresh, every DLQ check); one message per key per throttle
-- window, counted while suppressed. In the database so a restart does not reopen the flood.
create table alert_throttle (
    alert_key    text primary key,
    last_sent_at timestamptz,
    suppressed   int not null default 0 check (suppressed >= 0)
);

-- Shared by every service (each in its own schema). Service migrations start at V10.

create table outbox (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    event_type   text        not null,
    routing_key  text        not null,
    account_id   text        not null,
    post_id      uuid,
    body         text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

-- The relay only ever looks for unsent rows; keep that lookup small however large the table grows.
create index outbox_unpublished on outbox (id) where published_at is null;

create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

create index inbox_processed_at on inbox (processed_at);

-- A slot's story: one row per state change, written in the transaction that makes the change (planning,
-- dispatch, fallback, outcome, resolution by hand, hand back, stuck report). The slots row keeps only the
-- current state; this keeps how it got there, for the console's slot page and GET /api/accounts/{id}/slots/{slot}.
-- Events go with their slot (retention, a dropped plan): slot_id cascades.
create table slot_events (
    id         bigserial primary key,
    slot_id    uuid        not null references slots (id) on delete cascade,
    account_id text        not null references accounts (id),
    at         timestamptz not null default clock_timestamp(),
    type       text        not null,
    detail     text,
    actor      text,
    via        text,
    -- the broker event that caused it, if any: a redelivered outcome adds no second row
    event_id   uuid unique
);

create index slot_events_slot on slot_events (slot_id, id);

-- Which posts the API gave back to Telegram, and why. A fallback rewrites slots.route to MANUAL, so
-- without this the fallback-rate alert could not tell a fallen-back post from one routed to Telegram
-- in the first place.
alter table slots add column fallback_reason text;

-- Fallbacks recorded before this column existed are recognisable by the note the recorder wrote.
update slots set fallback_reason = substring(note from '^fallback ([A-Z_]+):')
where note like 'fallback %' and route = 'MANUAL';

create index slots_dispatched on slots (account_id, dispatched_at) where dispatched_at is not null;

-- The last fallback-rate alert per account, so the scheduler itself sends at most one per window,
-- across restarts and scheduler instances, whatever the telegram-worker's own throttle does.
create table fallback_alerts (
    account_id   text          primary key references accounts (id),
    alerted_at   timestamptz   not null,
    api_posts    int           not null,
    fallbacks    int           not null,
    rate_percent numeric(5, 2) not null
);

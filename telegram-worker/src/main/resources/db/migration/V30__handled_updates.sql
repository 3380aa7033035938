-- Telegram re-serves the updates of a batch its poller did not confirm (the poller stopped or the
-- lease moved on mid-batch). A command such as /next or a /resume button must take effect once, so
-- each update id is recorded before it is handled. Telegram keeps updates for a day; rows older than
-- that are pruned by the poller.
create table handled_updates (
    bot_id     text        not null,
    update_id  bigint      not null,
    handled_at timestamptz not null default now(),
    primary key (bot_id, update_id)
);

create index handled_updates_age on handled_updates (handled_at);

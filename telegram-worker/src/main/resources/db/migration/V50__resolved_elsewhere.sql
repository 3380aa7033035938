-- A decision taken outside Telegram (web console, CLI, admin API), as ManualPostResolved announced it.
-- Kept on its own because the post's message may not exist yet (still SENDING) or ever (an automatic post,
-- a failed send): whichever comes second, the decision or the recorded message, applies it to the message.
create table outside_resolutions (
    post_id      uuid primary key,
    account_id   text        not null,
    action       text        not null check (action in ('POSTED', 'SKIPPED', 'REJECTED')),
    resolved_by  text        not null,
    resolved_via text        not null,
    resolved_at  timestamptz not null,
    received_at  timestamptz not null default now()
);

create index outside_resolutions_received on outside_resolutions (received_at);

-- Who resolved a post: a Telegram user (resolved_by_id) or, with resolved_via, someone elsewhere.
alter table manual_posts add column resolved_via text;

do $$
declare
    old_check text;
begin
    for old_check in
        select conname from pg_constraint
        where conrelid = 'manual_posts'::regclass and contype = 'c'
          and pg_get_constraintdef(oid) like '%resolved_by_id%'
    loop
        execute format('alter table manual_posts drop constraint %I', old_check);
    end loop;
end $$;

alter table manual_posts add constraint manual_posts_resolved_check
    check (status <> 'RESOLVED'
           or (resolved_action is not null and resolved_at is not null
               and (resolved_by_id is not null or resolved_via is not null)));

-- An operator may reject a medium from the library (admin API, CLI, console) without any post: such a lock has
-- no post, is REJECTED for good and says who rejected it and why. Telegram's Reject keeps writing its lock with
-- the post; who pressed it stays in posting_history.
alter table media_locks alter column post_id drop not null;
alter table media_locks add column locked_by text;
alter table media_locks add column note text;
alter table media_locks add constraint media_locks_post_or_library_rejection
    check (post_id is not null or (reason = 'REJECTED' and locked_by is not null));

-- at most one library rejection per medium at a time, so a repeated reject changes nothing
create unique index media_locks_library_rejection on media_locks (media_id) where post_id is null;

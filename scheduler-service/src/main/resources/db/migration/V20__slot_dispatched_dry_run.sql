-- Whether a slot was dispatched live or in dry-run: a dry-run "publish" of a live post is not a publish.
-- Null for slots dispatched before this column existed.
alter table slots add column dispatched_dry_run boolean;

-- Retention prunes uploads whose hosted copy is gone (or that never had one) in batches, oldest first.
create index uploads_finished on uploads (coalesce(deleted_at, created_at))
    where deleted_at is not null or (status = 'FAILED' and public_id is null);

-- Retention prunes finished publications in batches, oldest first.
create index publications_finished on publications (updated_at) where status in ('PUBLISHED', 'FAILED');

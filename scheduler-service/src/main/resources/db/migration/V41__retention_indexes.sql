-- Retention prunes finished slots in batches, oldest first (posting_history is kept for good).
create index slots_finished on slots (coalesce(completed_at, slot_at))
    where status in ('PUBLISHED', 'RESOLVED', 'FAILED', 'MISSED', 'EMPTY');

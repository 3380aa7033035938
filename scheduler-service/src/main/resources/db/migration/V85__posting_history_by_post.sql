-- The calendar (GET /api/accounts/{id}/slots) looks up each slot's outcome by post id.
create index posting_history_post on posting_history (post_id, occurred_at);

-- Retention prunes finished manual posts and long-quiet alert keys in batches, oldest first.
create index manual_posts_finished on manual_posts (updated_at) where status in ('RESOLVED', 'FAILED', 'HANDED_BACK');
create index alert_throttle_last_sent on alert_throttle (last_sent_at);

-- Gradual roll-out: at most this many slots of an account's local day take the Graph API route; the rest of
-- that day go to Telegram (route reason rollout_limit). Null: no limit.
alter table accounts add column api_posts_per_day int check (api_posts_per_day between 0 and 100);

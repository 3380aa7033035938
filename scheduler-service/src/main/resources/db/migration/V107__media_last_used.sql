-- The picker's order (never used first, then least recently used) read the latest posting_history row of
-- every eligible item of the account and sorted them all: seconds per pick for a library of a million
-- items. The time of an item's latest history entry is now kept on the item, written in the statement
-- that adds the entry, so the order is an index's order and a pick reads a handful of rows.
alter table media_items add column last_used_at timestamptz;

update media_items m
set last_used_at = h.last_used_at
from (select media_id, max(occurred_at) as last_used_at
      from posting_history where media_id is not null group by media_id) h
where h.media_id = m.id;

-- one for a pick in the slot's category, one for a pick in any category; both in the picker's order
create index media_items_pick_in_category
    on media_items (account_id, category, last_used_at nulls first, first_seen_at, id) where active and valid;
create index media_items_pick
    on media_items (account_id, last_used_at nulls first, first_seen_at, id) where active and valid;
-- its leading columns are the first new index's
drop index media_items_eligible;

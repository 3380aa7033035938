-- The media pick leaves out media whose post is in flight. Without this index it hashes every slot in
-- flight of every account per pick, which in a burst is thousands of rows for each of the thousands of picks;
-- with it, the pick probes only the account's own eligible media.
create index slots_in_flight_media on slots (media_id) where status in ('DISPATCHED', 'MANUAL_PENDING');

-- Retention deletes sent outbox rows oldest first in batches; without this it scanned the whole table.
create index outbox_published on outbox (published_at) where published_at is not null;

-- The library's pages (GET /api/accounts/{id}/media, the console's library) in their order, so a page is read
-- from the index instead of sorting every item of the account; with the id, the rows a deep page skips are
-- read from the index alone.
create index media_items_library on media_items (account_id, category, path) include (id);

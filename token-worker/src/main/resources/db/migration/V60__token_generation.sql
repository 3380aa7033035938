-- A token's generation: a new number each time the account's token value changes (put or refresh).
-- Events about a token carry it, so whoever receives them out of order can tell the newer token.
create sequence api_token_generation;
alter table api_tokens add column generation bigint not null default nextval('api_token_generation');

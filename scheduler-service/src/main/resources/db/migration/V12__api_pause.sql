-- After Meta throttles an account (RATE_LIMITED fallback), its posts go to Telegram until this time,
-- instead of hitting the limit again with every slot.
alter table accounts add column api_paused_until timestamptz;

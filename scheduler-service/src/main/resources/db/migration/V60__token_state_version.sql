-- Which token signal set token_healthy: its token generation (null: the sender did not say) and time.
-- A signal older than these is ignored, so events arriving out of order cannot undo a newer state.
alter table accounts add column token_generation bigint;
alter table accounts add column token_state_at timestamptz;

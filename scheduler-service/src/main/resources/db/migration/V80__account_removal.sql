-- An account is removed by marking it: its posting history, locks and media rows refer to it and stay
-- readable. A removed account is neither indexed, planned nor listed; adding its id again revives it.
alter table accounts add column deleted_at timestamptz;

-- A post without an outcome after a bound is reported once to the admins, never re-sent by itself (LESSONS 8).
alter table slots add column stuck_reported_at timestamptz;

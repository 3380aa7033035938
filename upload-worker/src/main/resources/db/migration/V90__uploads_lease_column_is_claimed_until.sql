-- One name for a claim's lease in every worker's table: publications and manual_posts call it
-- claimed_until, next to claim_id; uploads now does too (dev.storyline.contracts.lease.Leases).
-- The check uploads_uploading_has_lease follows the column.
alter table uploads rename column lease_until to claimed_until;

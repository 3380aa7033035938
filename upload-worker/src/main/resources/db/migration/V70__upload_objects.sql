-- Every object a claim uploads (or may have uploaded: a timeout can hide a stored upload) is recorded
-- here before the upload starts. Its id derives from the post and the claim, so retries of one claim
-- reuse one object; objects that never became, or no longer are, a post's copy are deleted by the sweep.
create table upload_objects (
    public_id  text        primary key,
    provider   text        not null,
    post_id    uuid        not null,
    claim_id   uuid        not null,
    mime_type  text        not null,
    created_at timestamptz not null default now(),
    deleted_at timestamptz
);

create index upload_objects_sweep on upload_objects (created_at) where deleted_at is null;

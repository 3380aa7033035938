-- A post is claimed (status UPLOADING, with a lease the uploader keeps renewing) before anything is
-- uploaded, so two instances never upload the same post twice; a crashed uploader's lease runs out
-- and the next delivery takes over. FAILED means the post was handed to Telegram (FallbackRequested):
-- a repeated request must not host it again.

alter table uploads
    add column status      text not null default 'HOSTED' check (status in ('UPLOADING', 'HOSTED', 'FAILED')),
    add column claim_id    uuid,
    add column lease_until timestamptz,
    add column failure     text;

alter table uploads
    alter column provider drop not null,
    alter column public_id drop not null,
    alter column url drop not null,
    alter column expires_at drop not null,
    alter column hosted_event_id drop not null;

alter table uploads
    add constraint uploads_hosted_is_complete check (status <> 'HOSTED' or (provider is not null
        and public_id is not null and url is not null and expires_at is not null and hosted_event_id is not null)),
    add constraint uploads_uploading_has_lease check (status <> 'UPLOADING' or (claim_id is not null
        and lease_until is not null));

alter table uploads alter column status drop default;

-- the sweep: hosted copies not yet deleted, oldest first
create index uploads_sweep on uploads (created_at) where deleted_at is null and public_id is not null;

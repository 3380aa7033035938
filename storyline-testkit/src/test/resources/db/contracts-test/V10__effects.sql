create table effects (
    id         bigserial primary key,
    event_id   uuid not null,
    public_id  text not null,
    created_at timestamptz not null default now()
);

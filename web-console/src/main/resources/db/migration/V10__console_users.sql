-- People who sign in to the web console. Emails are stored lower-cased (one person, one row however
-- they type it); passwords only as BCrypt hashes.
create table users (
    id            bigserial primary key,
    email         text        not null unique check (email = lower(email) and email like '%_@_%'),
    password_hash text        not null,
    role          text        not null check (role in ('ADMIN', 'MEMBER')),
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now()
);

-- Failed sign-ins per email and client address, for the lock-out (a few per 15 minutes). Kept in the
-- database, not in memory, so a restart or a second console instance does not reset the count.
create table sign_in_failures (
    id        bigserial primary key,
    email     text        not null,
    address   text        not null,
    failed_at timestamptz not null default now()
);

create index sign_in_failures_recent on sign_in_failures (email, address, failed_at);

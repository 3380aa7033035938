-- What a console user may do per account. An installation admin (users.role = 'ADMIN') has every account
-- and needs no rows here; anyone else sees only the accounts listed for them: ADMIN runs that account
-- (pause, resume, post next, mix and schedule, library), MEMBER reads it and resolves its manual posts.
-- Account ids are the scheduler's (the console never reads its tables): a row for an account removed
-- there grants nothing that can be shown.
create table account_roles (
    user_id    bigint not null references users (id) on delete cascade,
    account_id text   not null check (account_id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    role       text   not null check (role in ('ADMIN', 'MEMBER')),
    primary key (user_id, account_id)
);

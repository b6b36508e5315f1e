-- Staff: invitations, the production first-run setup token, sign-in times and an audit log.
alter table accounts add column last_signed_in_at timestamptz;

-- Only the SHA-256 of each invitation link's token is kept: a copy of this table opens nothing.
create table staff_invitations (
    token_hash  varchar(64)  primary key,
    email       varchar(254) not null,
    roles       varchar(100) not null,
    invited_by  uuid references accounts (id) on delete set null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    accepted_at timestamptz,
    account_id  uuid references accounts (id) on delete set null,
    constraint staff_invitations_expiry check (expires_at > created_at)
);

create index staff_invitations_pending on staff_invitations (email) where accepted_at is null;

-- The one-time setup token of a first run with no admin: one row, shared by every node.
create table setup_token (
    id         smallint     primary key check (id = 1),
    token_hash varchar(64)  not null,
    created_at timestamptz  not null,
    used_at    timestamptz
);

-- Who did what to which account, and every sign-in attempt. Never a password.
create table account_audit (
    id      bigserial    primary key,
    at      timestamptz  not null,
    action  varchar(30)  not null,
    actor   varchar(254),
    subject varchar(254),
    ip      varchar(64),
    detail  varchar(500)
);

create index account_audit_at on account_audit (at desc);

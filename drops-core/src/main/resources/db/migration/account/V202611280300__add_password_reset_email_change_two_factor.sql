-- Forgotten passwords, changes of address and two-factor sign-in for staff.

-- A reset link per request; only the SHA-256 of its token is kept, it works once, for 30 minutes.
create table password_resets (
    token_hash varchar(64) primary key,
    account_id uuid        not null references accounts (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    constraint password_resets_expiry check (expires_at > created_at)
);

create index password_resets_account on password_resets (account_id, created_at desc);

-- A change of address waits until its owner follows the link mailed to the new address.
create table email_changes (
    token_hash varchar(64)  primary key,
    account_id uuid         not null references accounts (id) on delete cascade,
    new_email  varchar(254) not null,
    created_at timestamptz  not null,
    expires_at timestamptz  not null,
    used_at    timestamptz,
    constraint email_changes_expiry check (expires_at > created_at),
    constraint email_changes_canonical check (new_email = lower(btrim(new_email)))
);

create index email_changes_account on email_changes (account_id, created_at desc);

-- TOTP (RFC 6238): the shared secret (Base32) while enrolling and once enabled, and the last
-- 30-second step accepted, so one code cannot be used twice.
alter table accounts
    add column totp_pending_secret varchar(64),
    add column totp_secret         varchar(64),
    add column totp_enabled_at     timestamptz,
    add column totp_last_step      bigint;

-- Recovery codes: shown once, kept as SHA-256, each works once.
create table recovery_codes (
    account_id uuid        not null references accounts (id) on delete cascade,
    code_hash  varchar(64) not null,
    used_at    timestamptz,
    primary key (account_id, code_hash)
);

-- Shop-wide account settings: one row.
create table account_settings (
    id                         smallint primary key check (id = 1),
    staff_two_factor_required  boolean  not null default false
);

insert into account_settings (id) values (1);

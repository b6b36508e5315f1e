-- Double opt-in: an address counts as confirmed once its owner followed a single-use link.
-- Marketing consent is opt-in; transactional mail (confirmation, orders) needs none.
alter table accounts
    add column email_confirmed_at timestamptz,
    add column marketing_consent  boolean not null default false;

-- Only the SHA-256 of each link's token is kept: a copy of this table opens no account.
create table email_confirmations (
    token_hash varchar(64) primary key,
    account_id uuid        not null references accounts (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    constraint email_confirmations_expiry check (expires_at > created_at)
);

create index email_confirmations_account on email_confirmations (account_id, created_at desc);

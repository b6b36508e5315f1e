-- Keys the mail module generates once and every node shares, such as the key that signs
-- unsubscribe links when none is configured.
create table mail_secrets (
    name       varchar(50) primary key,
    secret     bytea       not null check (octet_length(secret) >= 32),
    created_at timestamptz not null default now()
);

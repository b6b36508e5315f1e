-- Accounts: fans and staff. E-mail is stored canonical (trimmed, lower-case) and unique.
create table accounts (
    id            uuid primary key,
    email         varchar(254) not null,
    display_name  varchar(100) not null,
    password_hash varchar(255) not null,
    enabled       boolean      not null default true,
    created_at    timestamptz  not null,
    version       bigint       not null default 0,
    constraint accounts_email_unique unique (email),
    constraint accounts_email_canonical check (email = lower(btrim(email)))
);

create table account_roles (
    account_id uuid        not null references accounts (id) on delete cascade,
    role       varchar(20) not null check (role in ('FAN', 'MERCHANDISER', 'OPS', 'ADMIN')),
    primary key (account_id, role)
);

-- Follow-up offers: what a drop's buyers hear some time after they received their order,
-- the follow-up each buyer gets once per drop, and the early-access codes those carry.

create table follow_up_offers (
    drop_id        uuid          primary key references drops (id),
    thank_you_note varchar(2000) not null,
    delay_hours    integer       not null check (delay_hours between 0 and 2160),
    early_access   boolean       not null,
    early_hours    integer       not null check (early_hours between 1 and 336),
    validity_days  integer       not null check (validity_days between 1 and 365),
    add_on_skus    varchar(80)[] not null default '{}',
    updated_at     timestamptz   not null
);

create table follow_ups (
    id          uuid        primary key,
    drop_id     uuid        not null references drops (id),
    account_id  uuid        not null references accounts (id) on delete cascade,
    order_id    uuid        not null,
    received_at timestamptz not null,
    done_at     timestamptz,
    outcome     varchar(12) check (outcome in ('SENT', 'NO_CONSENT')),
    -- One follow-up per fan and drop, however many orders they had in it.
    unique (drop_id, account_id)
);

create index follow_ups_waiting on follow_ups (received_at) where done_at is null;

create table early_access_codes (
    id              uuid        primary key,
    code            varchar(20) not null unique,
    account_id      uuid        not null references accounts (id) on delete cascade,
    community_id    uuid        not null references communities (id),
    source_drop_id  uuid        not null references drops (id),
    -- The code opens drops of the community that open after the source drop did.
    after_opens_at  timestamptz not null,
    early_hours     integer     not null check (early_hours >= 1),
    issued_at       timestamptz not null,
    expires_at      timestamptz not null,
    used_at         timestamptz,
    used_drop_id    uuid references drops (id),
    reservation_id  uuid,
    unique (source_drop_id, account_id)
);

-- The gate's one lookup, only when it would otherwise refuse a fan.
create index early_access_codes_open on early_access_codes (account_id, community_id) where used_at is null;

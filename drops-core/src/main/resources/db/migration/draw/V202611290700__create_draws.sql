-- Draws: drops whose units go to fans drawn from the entries. The seed stays secret
-- until the draw; its SHA-256 (the commitment) is public from the moment entries open,
-- so nobody can choose the seed after seeing the entries.
create table draws (
    drop_id                 uuid primary key references drops (id) on delete cascade,
    seed                    varchar(64) not null,
    commitment              varchar(64) not null,
    waitlist_weight         integer     not null default 1 check (waitlist_weight between 1 and 10),
    collector_weight        integer     not null default 1 check (collector_weight between 1 and 10),
    purchase_window_minutes integer     not null default 1440 check (purchase_window_minutes between 5 and 10080),
    created_at              timestamptz not null,
    drawn_at                timestamptz
);

-- One entry per fan and drop. The entry hash is SHA-256(salt ':' account id) with a
-- random salt per entry: published, it names nobody; the fan sees their own.
create table draw_entries (
    drop_id    uuid        not null references draws (drop_id) on delete cascade,
    account_id uuid        not null references accounts (id),
    salt       varchar(32) not null,
    entry_hash varchar(64) not null unique,
    weight     integer     not null check (weight between 1 and 10),
    entered_at timestamptz not null,
    place      integer,
    primary key (drop_id, account_id),
    constraint draw_entries_place_once unique (drop_id, place)
);

-- A unit of one item offered to one drawn fan: PENDING until its reservation is made,
-- OFFERED while the fan may buy, then CLAIMED (bought), PASSED_ON (not bought in time:
-- the next drawn fan gets it) or UNAVAILABLE (no unit was left to hold).
create table draw_offers (
    id             uuid primary key,
    drop_id        uuid        not null references draws (drop_id) on delete cascade,
    drop_item_id   uuid        not null references drop_items (id) on delete cascade,
    account_id     uuid        not null references accounts (id),
    place          integer     not null,
    status         varchar(12) not null check (status in ('PENDING', 'OFFERED', 'CLAIMED', 'PASSED_ON', 'UNAVAILABLE')),
    reservation_id uuid,
    expires_at     timestamptz,
    created_at     timestamptz not null,
    passed_down    boolean     not null,
    constraint draw_offers_once unique (drop_item_id, account_id)
);

create index draw_offers_open on draw_offers (drop_id) where status in ('PENDING', 'OFFERED');

-- The queue of a drop with a waiting room: one row per drop, made when the first fan
-- joins. The seed (64 hex digits, random) orders the pre-queue once, at the opening; it is
-- kept, with the moment of the shuffle, so the order can be recomputed (QueueShuffle).
-- credit is what the fixed admission rate has built up and not yet spent (fans).
create table waiting_rooms (
    drop_id       uuid primary key references drops (id) on delete cascade,
    seed          varchar(64)      not null,
    shuffled_at   timestamptz,
    pre_queue     integer,
    credit        double precision not null default 0,
    credited_at   timestamptz,
    sold_out_at   timestamptz,
    created_at    timestamptz      not null
);

create sequence waiting_room_arrivals;

-- One place per fan and drop. Fans who joined before the opening (early) get their place
-- from the shuffle; later arrivals queue behind them in arrival order. Admission writes a
-- nonce and an expiry: the signed token names them, and using it sets admission_used_at in
-- the reserve's transaction, so it works once.
create table waiting_room_entries (
    drop_id              uuid        not null references waiting_rooms (drop_id) on delete cascade,
    account_id           uuid        not null references accounts (id) on delete cascade,
    arrival              bigint      not null default nextval('waiting_room_arrivals'),
    joined_at            timestamptz not null,
    early                boolean     not null,
    place                integer,
    admitted_at          timestamptz,
    admission_nonce      uuid,
    admission_expires_at timestamptz,
    admission_used_at    timestamptz,
    primary key (drop_id, account_id),
    constraint waiting_room_place_once unique (drop_id, place)
);

create index waiting_room_queue on waiting_room_entries (drop_id, early desc, place, arrival)
    where admitted_at is null;
create index waiting_room_admitted on waiting_room_entries (drop_id, admission_expires_at)
    where admitted_at is not null and admission_used_at is null;

-- The key that signs admission tokens when drops.waiting-room.secret is not set: made once
-- by the first node that needs it, read by every other.
create table waiting_room_keys (
    name   varchar(40) primary key,
    secret bytea       not null check (octet_length(secret) >= 32)
);

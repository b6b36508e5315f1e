-- Stock as unit rows: one row per released unit of a drop item, numbered by edition.
-- A unit is free (no reservation), held (a reservation until held_until) or sold. Claims
-- take free rows with FOR UPDATE SKIP LOCKED, so a row can only ever belong to one
-- reservation: held + sold <= quantity is a property of the rows themselves.
create table drop_units (
    drop_item_id   uuid    not null references drop_items (id) on delete cascade,
    edition        integer not null check (edition >= 1),
    reservation_id uuid,
    sold           boolean not null default false,
    primary key (drop_item_id, edition),
    constraint drop_units_sold_has_owner check (not sold or reservation_id is not null)
);

create index drop_units_free on drop_units (drop_item_id, edition) where reservation_id is null;

create table reservations (
    id              uuid primary key,
    drop_item_id    uuid         not null references drop_items (id),
    account_id      uuid         not null references accounts (id),
    quantity        integer      not null check (quantity >= 1),
    editions        integer[]    not null,
    status          varchar(10)  not null check (status in ('HELD', 'ORDERED', 'RELEASED', 'EXPIRED')),
    expires_at      timestamptz  not null,
    created_at      timestamptz  not null,
    idempotency_key varchar(100),
    request_hash    varchar(64),
    constraint reservations_key_once unique (account_id, idempotency_key)
);

create index reservations_expiring on reservations (expires_at) where status = 'HELD';
create index reservations_by_fan on reservations (account_id, created_at);

-- What a fan holds or bought of a drop item, kept with the claims in one transaction, so
-- the per-fan limit holds across all of a fan's holds and orders under concurrency.
create table fan_allowances (
    drop_item_id uuid    not null references drop_items (id) on delete cascade,
    account_id   uuid    not null references accounts (id),
    taken        integer not null check (taken >= 0),
    primary key (drop_item_id, account_id)
);

-- The moment a drop first had every unit held or sold. One row per drop at most, so the
-- DropSoldOut event that is published with it is published once, whichever node or
-- request saw the last unit go.
create table drop_sell_outs (
    drop_id     uuid        primary key references drops (id) on delete cascade,
    sold_out_at timestamptz not null
);

-- Reserve attempts per drop and second, for the live monitor. Each node counts in memory
-- and adds its counts here about once a second, so the reserve path itself never writes
-- a shared counter row.
create table reserve_attempts (
    drop_id  uuid        not null references drops (id) on delete cascade,
    second   timestamptz not null,
    attempts integer     not null check (attempts >= 0),
    primary key (drop_id, second)
);

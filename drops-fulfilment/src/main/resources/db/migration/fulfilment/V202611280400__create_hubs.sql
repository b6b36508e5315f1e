-- Micro-hubs: where fans pick up and from where local deliveries leave.
create table hubs (
    id                      uuid primary key,
    slug                    varchar(60)  not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name                    varchar(120) not null,
    address                 varchar(500) not null,
    time_zone               varchar(60)  not null,
    latitude                double precision check (latitude between -90 and 90),
    longitude               double precision check (longitude between -180 and 180),
    pickup_capacity_per_day integer      not null check (pickup_capacity_per_day >= 0),
    slot_minutes            integer      not null default 60 check (slot_minutes between 15 and 480),
    delivery_postcodes      varchar(1000),
    delivery_radius_km      double precision check (delivery_radius_km is null or delivery_radius_km > 0),
    same_day_cutoff         time         not null default '12:00',
    active                  boolean      not null default true,
    created_at              timestamptz  not null,
    version                 bigint       not null default 0,
    constraint hubs_radius_needs_coordinates
        check (delivery_radius_km is null or (latitude is not null and longitude is not null))
);

-- One opening window per weekday (1 = Monday ... 7 = Sunday); no row means closed.
create table hub_opening_hours (
    hub_id  uuid     not null references hubs (id) on delete cascade,
    weekday smallint not null check (weekday between 1 and 7),
    opens   time     not null,
    closes  time     not null,
    primary key (hub_id, weekday),
    check (opens < closes)
);

-- Units of a drop item set aside per hub. hub_id null is the rest (shipping); an item
-- without rows is shared by every hub. taken never passes units: the check decides races.
create table hub_allocations (
    id           uuid primary key,
    drop_item_id uuid    not null references drop_items (id) on delete cascade,
    hub_id       uuid references hubs (id),
    units        integer not null check (units >= 0),
    taken        integer not null default 0 check (taken >= 0),
    constraint hub_allocations_within check (taken <= units),
    constraint hub_allocations_once unique nulls not distinct (drop_item_id, hub_id)
);

-- Pickups booked per hub and day; the capacity is checked in the booking statement.
create table hub_pickup_days (
    hub_id uuid    not null references hubs (id),
    day    date    not null,
    taken  integer not null check (taken >= 0),
    primary key (hub_id, day)
);

-- The merchandiser's personal note for a drop, printed on every packing slip.
create table drop_packing_notes (
    drop_id    uuid primary key references drops (id) on delete cascade,
    note       varchar(2000) not null,
    updated_at timestamptz   not null
);

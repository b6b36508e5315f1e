-- Analytics: what fans did, kept once per source (an order, a hold, a visitor's view of a
-- drop), so a redelivered event changes nothing. No foreign keys into the shop's tables:
-- these are a read model that may live on a replica and must never block the shop.

-- One row per placed order.
create table analytics_orders (
    order_id      uuid        primary key,
    drop_id       uuid        not null,
    sku_id        uuid        not null,
    community_id  uuid        not null,
    account_id    uuid        not null,
    quantity      integer     not null check (quantity >= 1),
    revenue_minor bigint      not null check (revenue_minor >= 0),
    currency      varchar(3)  not null,
    pickup        boolean     not null,
    ordered_at    timestamptz not null
);

create index analytics_orders_by_drop on analytics_orders (drop_id, sku_id);
create index analytics_orders_by_fan on analytics_orders (community_id, account_id);

-- One row per hold a fan took, paid or not.
create table analytics_reservations (
    reservation_id uuid        primary key,
    drop_id        uuid        not null,
    sku_id         uuid        not null,
    community_id   uuid        not null,
    account_id     uuid        not null,
    quantity       integer     not null check (quantity >= 1),
    reserved_at    timestamptz not null
);

create index analytics_reservations_by_drop on analytics_reservations (drop_id, sku_id);

-- One row per order handed over at a micro-hub.
create table analytics_pickups (
    order_id     uuid        primary key,
    picked_up_at timestamptz not null
);

-- One row per visitor of a drop's page. A signed-in fan is their account; anyone else a
-- salted hash that changes every day (never an address). last_sku_id and last_block say
-- which story block was in view when the visitor left, when the page reported it.
create table analytics_story_views (
    drop_id         uuid        not null,
    visitor         varchar(64) not null,
    account_id      uuid,
    first_viewed_at timestamptz not null,
    last_viewed_at  timestamptz not null,
    views           integer     not null check (views >= 1),
    last_sku_id     uuid,
    last_block      integer check (last_block is null or last_block >= 0),
    primary key (drop_id, visitor)
);

-- Today's salt for anonymous visitors' hashes; yesterday's is deleted, so a hash cannot
-- be traced back to an address by trying them all.
create table analytics_visitor_salts (
    day  date  primary key,
    salt bytea not null
);

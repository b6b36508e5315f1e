-- Pre-aggregated tables the dashboards read, kept up to date in the transaction that
-- records each fact (and rebuilt from the shop's tables by AnalyticsRebuild).

-- What each fan did with each drop: the base of retention and waitlist conversion.
create table analytics_fan_drops (
    drop_id          uuid        not null,
    account_id       uuid        not null,
    community_id     uuid        not null,
    viewed           boolean     not null default false,
    waitlisted       boolean     not null default false,
    reserved         boolean     not null default false,
    ordered          boolean     not null default false,
    first_engaged_at timestamptz not null,
    primary key (drop_id, account_id)
);

create index analytics_fan_drops_by_community on analytics_fan_drops (community_id, drop_id);

-- Each buyer's first purchase in a community and their first purchase in a later drop of
-- it: the base of the cohorts.
create table analytics_fan_communities (
    community_id    uuid        not null,
    account_id      uuid        not null,
    first_drop_id   uuid        not null,
    first_order_at  timestamptz not null,
    second_drop_id  uuid,
    second_order_at timestamptz,
    orders          integer     not null check (orders >= 1),
    primary key (community_id, account_id)
);

create index analytics_fan_communities_by_first_drop on analytics_fan_communities (first_drop_id);

-- Counters per drop; the distinct-fan counts go up once per fan, when a flag of
-- analytics_fan_drops turns true.
create table analytics_drop_totals (
    drop_id           uuid    primary key,
    viewers           integer not null default 0,
    waitlisted        integer not null default 0,
    reserved          integer not null default 0,
    holds             integer not null default 0,
    buyers            integer not null default 0,
    waitlisted_buyers integer not null default 0,
    orders            integer not null default 0,
    units             integer not null default 0,
    revenue_minor     bigint  not null default 0,
    currency          varchar(3),
    picked_up         integer not null default 0,
    sold_out_at       timestamptz
);

-- Set once the aggregates were first built from the shop's own tables, so a shop that
-- had orders before analytics existed starts with its history counted.
create table analytics_rebuilds (
    id         smallint    primary key check (id = 1),
    rebuilt_at timestamptz not null
);

-- Figures that need every fan of a community (or of the shop) at once are computed in the
-- background, at most once a minute, only for the communities whose facts changed.

-- Communities with new engagement (or a drop scheduled, changed or unscheduled) since the
-- last refresh.
create table analytics_dirty_communities (
    community_id uuid        primary key,
    marked_at    timestamptz not null default now()
);

-- Retention per drop: fans who engaged with it, of those who had engaged with an earlier
-- drop of the community, and who engaged with the next scheduled drop.
create table analytics_drop_retention (
    drop_id      uuid    primary key,
    community_id uuid    not null,
    engaged      integer not null,
    returning_fans integer not null,
    came_back    integer not null
);

create index analytics_drop_retention_by_community on analytics_drop_retention (community_id);

-- Month cohorts of the whole shop: fans by the month of their first purchase in a
-- community, how many later drops their community has had since (later) and after how
-- many they bought again (gap, null for not yet).
create table analytics_month_cohorts (
    month text    not null,
    later integer not null,
    gap   integer,
    fans  integer not null
);

create table analytics_month_medians (
    month       text primary key,
    median_days double precision not null
);

create table analytics_refreshes (
    id               smallint    primary key check (id = 1),
    month_cohorts_at timestamptz not null
);

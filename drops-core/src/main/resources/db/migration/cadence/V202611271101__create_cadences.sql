-- Cadences: recurring schedules that create draft drops ahead of time for a community.
-- The recurrence is an RRULE subset (FREQ=WEEKLY|MONTHLY, INTERVAL, BYDAY, WKST) read in
-- the community's time zone, from starts_on, at local_time. community_id has no foreign
-- key because this migration runs before the communities table exists; the application
-- checks the community on every change.
create table cadences (
    id                      uuid primary key,
    slug                    varchar(49)  not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    community_id            uuid         not null,
    rule                    varchar(200) not null,
    local_time              time         not null,
    starts_on               date         not null,
    title_pattern           varchar(120) not null,
    access_mode             varchar(20)  not null check (access_mode in ('FIRST_COME', 'WAITLIST_ONLY', 'DRAW')),
    announce_lead_hours     integer      not null check (announce_lead_hours between 0 and 720),
    early_access_lead_hours integer check (early_access_lead_hours is null
        or (early_access_lead_hours between 0 and announce_lead_hours)),
    open_hours              integer      not null check (open_hours between 1 and 336),
    hold_minutes            integer      not null check (hold_minutes between 1 and 60),
    horizon_weeks           integer      not null default 4 check (horizon_weeks between 1 and 26),
    active                  boolean      not null default true,
    created_at              timestamptz  not null,
    version                 bigint       not null default 0
);

create index cadences_by_community on cadences (community_id);

create table cadence_items (
    cadence_id    uuid    not null references cadences (id) on delete cascade,
    position      integer not null,
    sku_id        uuid    not null references skus (id),
    quantity      integer not null check (quantity >= 1),
    per_fan_limit integer not null check (per_fan_limit >= 1 and per_fan_limit <= quantity),
    primary key (cadence_id, position)
);

-- One row per occurrence a cadence has claimed: the first claim on (cadence, local date)
-- wins, on any number of nodes; the drops table's unique (cadence_id, cadence_occurrence)
-- is the backstop.
create table cadence_occurrences (
    cadence_id uuid        not null references cadences (id) on delete cascade,
    occurs_on  date        not null,
    opens_at   timestamptz not null,
    drop_slug  varchar(60) not null,
    created_at timestamptz not null,
    primary key (cadence_id, occurs_on)
);

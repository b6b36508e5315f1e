-- Drops and their items.
create table drops (
    id                      uuid primary key,
    slug                    varchar(60)  not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title                   varchar(160) not null,
    community_id            uuid         not null references communities (id),
    access_mode             varchar(20)  not null check (access_mode in ('FIRST_COME', 'WAITLIST_ONLY', 'DRAW')),
    announce_at             timestamptz  not null,
    early_access_at         timestamptz,
    opens_at                timestamptz  not null,
    closes_at               timestamptz  not null,
    hold_minutes            integer      not null default 10 check (hold_minutes between 1 and 60),
    preorder_threshold      integer check (preorder_threshold is null or preorder_threshold >= 1),
    scheduled               boolean      not null default false,
    closed_early_at         timestamptz,
    cadence_id              uuid,
    cadence_occurrence      timestamptz,
    fatigue_override_by     uuid references accounts (id),
    fatigue_override_reason varchar(500),
    created_at              timestamptz  not null,
    version                 bigint       not null default 0,
    constraint drops_timeline check (announce_at <= opens_at and opens_at < closes_at
        and (early_access_at is null or (announce_at <= early_access_at and early_access_at <= opens_at))),
    constraint drops_cadence_once unique (cadence_id, cadence_occurrence)
);

create index drops_by_community_opening on drops (community_id, opens_at);
create index drops_by_opening on drops (opens_at);

create table drop_items (
    id            uuid primary key,
    drop_id       uuid    not null references drops (id) on delete cascade,
    sku_id        uuid    not null references skus (id),
    quantity      integer not null check (quantity >= 1),
    per_fan_limit integer not null check (per_fan_limit >= 1 and per_fan_limit <= quantity),
    position      integer not null,
    constraint drop_items_sku_once unique (drop_id, sku_id)
);

-- Communities (micro-audiences) and their members.
create table communities (
    id                    uuid primary key,
    slug                  varchar(60)   not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name                  varchar(120)  not null,
    description           varchar(2000) not null,
    home_channel_name     varchar(120),
    home_channel_url      varchar(500),
    target_size           integer       not null check (target_size between 1 and 1000000),
    time_zone             varchar(64)   not null,
    min_gap_days          integer       not null default 7 check (min_gap_days between 0 and 365),
    max_drops_per_30_days integer       not null default 4 check (max_drops_per_30_days between 1 and 31),
    created_at            timestamptz   not null,
    version               bigint        not null default 0
);

create table community_members (
    community_id uuid        not null references communities (id) on delete cascade,
    account_id   uuid        not null references accounts (id) on delete cascade,
    joined_at    timestamptz not null,
    primary key (community_id, account_id)
);

create index community_members_by_account on community_members (account_id);

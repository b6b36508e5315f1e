-- Recognition rules: how a community's merchandisers recognise their collectors. Badges
-- are never stored: they are computed from the fan's order history against these rules,
-- so a changed rule (or a refund) changes who holds a badge at once.
create table recognition_rules (
    id           uuid primary key,
    community_id uuid          not null references communities (id) on delete cascade,
    kind         varchar(30)   not null
                 check (kind in ('FIRST_DROP', 'N_DROPS', 'FOUNDING_MEMBER', 'NEVER_MISSED_CADENCE')),
    name         varchar(80)   not null,
    description  varchar(500)  not null,
    drop_count   integer check (drop_count is null or drop_count between 1 and 1000),
    before       timestamptz,
    cadence_id   uuid references cadences (id) on delete set null,
    position     integer       not null,
    created_at   timestamptz   not null,
    -- N_DROPS needs its n; a founding member is one of the first k drops or joined before
    -- a date, never both.
    constraint recognition_rules_parameters check (
        (kind <> 'N_DROPS' or drop_count is not null)
        and (kind <> 'FOUNDING_MEMBER' or ((drop_count is null) <> (before is null)))
        and (kind <> 'NEVER_MISSED_CADENCE' or drop_count is not null))
);

create index recognition_rules_by_community on recognition_rules (community_id, position);

-- A fan's opt-in public collector profile at /collectors/{handle}.
create table collector_profiles (
    account_id uuid primary key references accounts (id) on delete cascade,
    handle     varchar(30) not null unique check (handle ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    public     boolean     not null default false,
    updated_at timestamptz not null
);

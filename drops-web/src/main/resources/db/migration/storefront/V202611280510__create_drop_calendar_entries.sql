-- What calendar feeds need to remember about a drop between two fetches: how often its
-- events changed (iCalendar SEQUENCE), and whether it was called off, with the last
-- title and times it had, so subscribed calendars show the cancellation.
create table drop_calendar_entries (
    drop_id         uuid         primary key,
    community_id    uuid         not null,
    slug            varchar(60)  not null,
    title           varchar(160) not null,
    announce_at     timestamptz  not null,
    early_access_at timestamptz,
    opens_at        timestamptz  not null,
    closes_at       timestamptz  not null,
    sequence        integer      not null default 0 check (sequence >= 0),
    cancelled       boolean      not null default false,
    changed_at      timestamptz  not null
);

create index drop_calendar_entries_by_community on drop_calendar_entries (community_id, opens_at);

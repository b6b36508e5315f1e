-- Drop waitlists. One row per drop with a waitlist: last_sequence is the drop's monotonic
-- counter, taken with "update … set last_sequence = last_sequence + 1 returning" in the
-- same transaction as the entry's insert, so sequences are unique per drop on any number
-- of nodes. A fan's position is their rank by sequence among the drop's current entries
-- (leaving moves the others up), never the raw sequence.
-- invited_at is the once-only claim of the early-access invitation: the node whose
-- "update … where invited_at is null" changes the row publishes the invitation.
create table waitlists (
    drop_id       uuid        primary key references drops (id) on delete cascade,
    drop_slug     varchar(60) not null,
    last_sequence bigint      not null default 0 check (last_sequence >= 0),
    invited_at    timestamptz,
    invitees      integer check (invitees is null or invitees >= 0),
    created_at    timestamptz not null
);

create table waitlist_entries (
    drop_id    uuid        not null references waitlists (drop_id) on delete cascade,
    account_id uuid        not null references accounts (id) on delete cascade,
    sequence   bigint      not null check (sequence >= 1),
    joined_at  timestamptz not null,
    constraint waitlist_entries_fan_once primary key (drop_id, account_id),
    constraint waitlist_entries_sequence_once unique (drop_id, sequence)
);

create index waitlist_entries_by_account on waitlist_entries (account_id);

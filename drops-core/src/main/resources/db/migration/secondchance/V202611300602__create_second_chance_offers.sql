-- Second chances: a unit that came back after its drop sold out (a paid pickup nobody
-- collected, a hold that ran out) is offered to the drop's waitlist, one fan at a time.
-- PENDING: waiting for the job to hold a unit; OFFERED: held until expires_at;
-- CLAIMED: paid; PASSED_ON: lapsed or given back, the next fan has their turn;
-- UNAVAILABLE: no unit could be held (the drop closed, or someone else bought it).
create table second_chance_offers (
    id             uuid primary key,
    drop_id        uuid        not null references drops (id) on delete cascade,
    drop_item_id   uuid        not null references drop_items (id) on delete cascade,
    account_id     uuid        not null references accounts (id) on delete cascade,
    status         varchar(12) not null check (status in ('PENDING', 'OFFERED', 'CLAIMED', 'PASSED_ON',
                                                           'UNAVAILABLE')),
    reservation_id uuid,
    expires_at     timestamptz,
    cause          varchar(12) not null check (cause in ('NO_SHOW', 'EXPIRED', 'RELEASED', 'LAPSED')),
    created_at     timestamptz not null,
    constraint second_chance_offers_once unique (drop_item_id, account_id)
);

create index second_chance_offers_open on second_chance_offers (status) where status in ('PENDING', 'OFFERED');
create index second_chance_offers_by_account on second_chance_offers (account_id);
create index second_chance_offers_by_reservation on second_chance_offers (reservation_id);

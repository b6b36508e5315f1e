-- Pre-order validation on the drop itself: an optional deadline (null: pre-orders close
-- with the first sales, early access or the opening) and the outcome once it ended.
-- While a drop with a threshold has no outcome, nobody may buy from it: pre-orders take
-- their units first.
alter table drops
    add column preorder_deadline timestamptz,
    add column preorder_outcome  varchar(10) check (preorder_outcome in ('CONFIRMED', 'VOIDED'));

alter table drops
    add constraint drops_preorder_deadline check (preorder_deadline is null
        or (preorder_threshold is not null and announce_at < preorder_deadline
            and preorder_deadline <= coalesce(early_access_at, opens_at)));

-- Drops whose opening was published (DropOpened), one row each: inserting the row is the
-- once-only claim, so the event goes out once even when several nodes notice the opening.
create table drop_openings (
    drop_id      uuid        primary key references drops (id) on delete cascade,
    opens_at     timestamptz not null,
    published_at timestamptz not null
);

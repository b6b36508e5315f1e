-- Pre-orders: a fan's reservation of intent on a drop item, collected until the drop's
-- pre-order deadline. No unit is claimed and nothing is charged until the threshold is
-- reached; then each becomes an order through checkout, or all are voided.

-- One row per drop that takes pre-orders. Placing a pre-order locks it, so the check that
-- pre-orders never exceed the released quantity holds under concurrency; the settlement
-- claims it (FOR UPDATE SKIP LOCKED) to decide once: decided_at/outcome record the
-- decision, units/threshold what it was based on, completed_at when every pre-order of a
-- confirmed drop was settled and sales could start.
create table preorder_drops (
    drop_id      uuid        primary key references drops (id) on delete cascade,
    created_at   timestamptz not null,
    decided_at   timestamptz,
    outcome      varchar(10) check (outcome in ('CONFIRMED', 'VOIDED')),
    units        integer     check (units >= 0),
    threshold    integer,
    completed_at timestamptz,
    constraint preorder_drops_decision check ((decided_at is null) = (outcome is null))
);

-- The item is referenced without a foreign key: a merchandiser may still take an item
-- out of the drop before the deadline; such pre-orders stop counting and fail on
-- confirmation. The payment method is a reference the payment provider can charge later
-- (a demo card or a provider token), never raw card data.
create table preorders (
    id                 uuid primary key,
    drop_id            uuid         not null references preorder_drops (drop_id) on delete cascade,
    drop_item_id       uuid         not null,
    sku_id             uuid         not null references skus (id),
    account_id         uuid         not null references accounts (id),
    quantity           integer      not null check (quantity >= 1),
    payment_method     varchar(100) not null,
    fulfilment_method  varchar(20)  not null check (fulfilment_method in ('PICKUP', 'LOCAL_DELIVERY', 'SHIPPING')),
    fulfilment_hub     varchar(60),
    fulfilment_address varchar(500),
    status             varchar(12)  not null
        check (status in ('PENDING', 'CONFIRMING', 'ORDERED', 'FAILED', 'VOIDED', 'CANCELLED')),
    created_at         timestamptz  not null,
    settled_at         timestamptz,
    -- While CONFIRMING, the settling node's lease: another node may take over after it.
    lease_until        timestamptz,
    next_attempt_at    timestamptz,
    attempts           integer      not null default 0,
    -- The reservation round: its idempotency key is the pre-order's id and this number.
    round              integer      not null default 0,
    reservation_id     uuid,
    order_id           uuid,
    failure            varchar(30),
    failure_detail     varchar(500),
    constraint preorders_lease check ((status = 'CONFIRMING') = (lease_until is not null))
);

-- A fan has at most one open pre-order per item: asking again answers with that one.
create unique index preorders_open_once on preorders (drop_item_id, account_id)
    where status in ('PENDING', 'CONFIRMING');
create index preorders_by_drop on preorders (drop_id, status, created_at);
create index preorders_by_fan on preorders (account_id, created_at desc);

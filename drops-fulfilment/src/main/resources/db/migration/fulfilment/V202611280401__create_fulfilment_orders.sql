-- One fulfilment order per placed order (order_id unique): a redelivered OrderPlaced
-- event inserts nothing.
create table fulfilment_orders (
    id                 uuid primary key,
    order_id           uuid         not null unique references orders (id),
    order_number       varchar(20)  not null,
    account_id         uuid         not null references accounts (id),
    drop_item_id       uuid         not null references drop_items (id),
    quantity           integer      not null,
    editions           integer[]    not null,
    method             varchar(20)  not null check (method in ('PICKUP', 'LOCAL_DELIVERY', 'SHIPPING')),
    hub_id             uuid references hubs (id),
    day                date,
    slot_starts        time,
    slot_ends          time,
    address            varchar(500),
    postcode           varchar(12),
    status             varchar(20)  not null check (status in ('PENDING', 'PICKING', 'PACKED', 'READY_FOR_PICKUP',
                                                               'COLLECTED', 'OUT_FOR_DELIVERY', 'SHIPPED',
                                                               'DELIVERED', 'CANCELLED')),
    pickup_code        varchar(12) unique,
    pickup_code_used_at timestamptz,
    image_token        varchar(64)  not null unique,
    tracking_number    varchar(60),
    cancel_reason      varchar(500),
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    version            bigint       not null default 0,
    check (method <> 'PICKUP' or (hub_id is not null and pickup_code is not null))
);

create index fulfilment_orders_queue on fulfilment_orders (hub_id, day, status);
create index fulfilment_orders_by_item on fulfilment_orders (drop_item_id);

-- Every status change: from what, to what, who and when.
create table fulfilment_status_changes (
    id                  uuid primary key,
    fulfilment_order_id uuid         not null references fulfilment_orders (id),
    from_status         varchar(20),
    to_status           varchar(20)  not null,
    actor_id            uuid,
    actor_name          varchar(120) not null,
    note                varchar(500),
    changed_at          timestamptz  not null
);

create index fulfilment_status_changes_by_order on fulfilment_status_changes (fulfilment_order_id, changed_at);

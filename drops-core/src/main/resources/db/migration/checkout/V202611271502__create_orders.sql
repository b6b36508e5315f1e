-- Paid orders. One order per reservation at most: a retried or double-submitted payment
-- can never create a second order for the same hold.
create sequence order_numbers start with 1001;

create table orders (
    id                 uuid primary key,
    number             varchar(20)  not null unique,
    reservation_id     uuid         not null unique references reservations (id),
    account_id         uuid         not null references accounts (id),
    drop_item_id       uuid         not null references drop_items (id),
    quantity           integer      not null check (quantity >= 1),
    editions           integer[]    not null,
    total_minor        bigint       not null check (total_minor >= 0),
    currency           varchar(3)   not null,
    status             varchar(12)  not null check (status in ('PAID')),
    fulfilment_method  varchar(20)  not null check (fulfilment_method in ('PICKUP', 'LOCAL_DELIVERY', 'SHIPPING')),
    fulfilment_hub     varchar(60),
    fulfilment_address varchar(500),
    payment_provider   varchar(40)  not null,
    payment_reference  varchar(100) not null,
    created_at         timestamptz  not null
);

create index orders_by_fan on orders (account_id, created_at desc);

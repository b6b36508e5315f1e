-- "Notify me" lists: fans who want to hear about future drops of a SKU. No positions.
create table sku_notify_requests (
    sku_id       uuid        not null references skus (id) on delete cascade,
    account_id   uuid        not null references accounts (id) on delete cascade,
    requested_at timestamptz not null,
    primary key (sku_id, account_id)
);

create index sku_notify_requests_by_account on sku_notify_requests (account_id);

-- The answers to idempotent checkout requests that did not create a hold: refused
-- reservations, and orders (placed or refused), by the fan's Idempotency-Key. A retry with
-- the same key and the same request gets the same answer; with another request, a 422.
-- Successful reservations keep their key on the reservation itself.
create table checkout_idempotency (
    account_id      uuid         not null references accounts (id),
    operation       varchar(10)  not null check (operation in ('RESERVE', 'ORDER')),
    idempotency_key varchar(100) not null,
    request_hash    varchar(64)  not null,
    order_id        uuid references orders (id),
    refusal         varchar(30),
    refusal_detail  varchar(500),
    opens_to_fan_at timestamptz,
    created_at      timestamptz  not null,
    primary key (account_id, operation, idempotency_key),
    constraint checkout_idempotency_one_answer check (order_id is null or refusal is null)
);

create index checkout_idempotency_by_age on checkout_idempotency (created_at);

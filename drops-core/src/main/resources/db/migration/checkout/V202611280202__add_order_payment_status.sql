-- Where an order's payment stands, as the payment provider last told us: taken at the
-- checkout (SUCCEEDED), failed afterwards, or refunded in part or in full (e.g. from the
-- Stripe dashboard). Stripe's webhooks keep it current.
alter table orders
    add column payment_status varchar(20) not null default 'SUCCEEDED'
        check (payment_status in ('SUCCEEDED', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED')),
    add column payment_confirmed_at timestamptz,
    add column payment_updated_at timestamptz;

create index orders_by_payment_reference on orders (payment_reference);

-- Every Stripe event handled, by its id: a redelivered event is recognised and changes
-- nothing.
create table stripe_events (
    id             varchar(255) primary key,
    type           varchar(100) not null,
    payment_intent varchar(255),
    order_id       uuid references orders (id),
    received_at    timestamptz  not null
);

-- A pickup nobody collected by its deadline: the order is refunded and its units come
-- back (returned_at), once; the order keeps its row and number for the record.
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check check (status in ('PAID', 'NO_SHOW'));
alter table orders add column returned_at timestamptz;

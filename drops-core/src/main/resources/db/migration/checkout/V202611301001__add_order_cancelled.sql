-- An order ops cancelled is taken back like a pickup nobody collected: refunded, its
-- units free again (returned_at), once; the order keeps its row and number for the record.
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check check (status in ('PAID', 'NO_SHOW', 'CANCELLED'));

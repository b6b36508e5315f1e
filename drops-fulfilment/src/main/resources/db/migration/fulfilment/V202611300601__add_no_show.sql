-- A pickup not collected by its deadline becomes NO_SHOW (by ops, or by the no-show job).
alter table fulfilment_orders drop constraint fulfilment_orders_status_check;
alter table fulfilment_orders add constraint fulfilment_orders_status_check
    check (status in ('PENDING', 'PICKING', 'PACKED', 'READY_FOR_PICKUP', 'COLLECTED', 'OUT_FOR_DELIVERY',
                      'SHIPPED', 'DELIVERED', 'CANCELLED', 'NO_SHOW'));

-- The day and pickup slot checkout booked, kept with the order so that a retried order
-- request is answered as the first was (the fulfilment module keeps its own copy, which
-- ops may move). The hub is now kept for local delivery too.
alter table orders
    add column fulfilment_day  date,
    add column fulfilment_slot time;

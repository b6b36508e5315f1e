-- The listener that takes back a pickup nobody collected was renamed (it takes back
-- cancelled orders too): no-shows whose take-back is still owed keep their listener.
update event_publication
set listener_id = 'io.microdrops.fulfilment.OrderTakeBacks.on(io.microdrops.fulfilment.PickupNoShow)'
where listener_id = 'io.microdrops.fulfilment.NoShowRefunds.on(io.microdrops.fulfilment.PickupNoShow)';

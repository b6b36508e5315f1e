-- A hold that runs out or is given back looks up its draw offer at once, so the unit
-- passes on without waiting for the draw job: one index lookup per ended hold.
create index draw_offers_by_reservation on draw_offers (reservation_id) where status = 'OFFERED';

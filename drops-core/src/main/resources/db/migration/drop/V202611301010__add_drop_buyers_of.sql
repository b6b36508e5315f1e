-- A drop may be for the buyers of an earlier drop only (its add-ons, say): only fans who
-- hold a paid order from that drop may reserve. Off (null) by default.
alter table drops add column buyers_of_drop_id uuid references drops (id);

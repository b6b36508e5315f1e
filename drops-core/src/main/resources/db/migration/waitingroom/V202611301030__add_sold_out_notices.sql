-- When a waiting room sells out, each fan still queued is told by mail once: the moment it
-- was queued for them, so a redelivered event tells nobody twice.
alter table waiting_room_entries add column sold_out_told_at timestamptz;

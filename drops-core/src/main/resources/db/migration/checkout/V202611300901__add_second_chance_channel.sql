-- Units offered again to waitlisted fans (a no-show, a lapsed hold) are their own channel
-- on the transparency page, not the draw's.
alter table reservations drop constraint reservations_channel;
alter table reservations alter column channel type varchar(16);
alter table reservations add constraint reservations_channel
    check (channel in ('EARLY_ACCESS', 'WAITLIST', 'PUBLIC', 'DRAW', 'PREORDER', 'SECOND_CHANCE'));
update reservations r set channel = 'SECOND_CHANCE'
from second_chance_offers o where o.reservation_id = r.id;

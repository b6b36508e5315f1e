-- The channel a hold came through, recorded when the units are claimed, for the drop's
-- transparency page: EARLY_ACCESS (a waitlist member before the opening), WAITLIST (a
-- waitlist-only drop after its opening), PUBLIC, DRAW (a drawn fan's held unit) or
-- PREORDER (a confirmed pre-order's units).
alter table reservations add column channel varchar(12)
    constraint reservations_channel check (channel in ('EARLY_ACCESS', 'WAITLIST', 'PUBLIC', 'DRAW', 'PREORDER'));

-- Holds taken before the channel was recorded get the channel their idempotency key and
-- time tell; the same rule checkout applies now.
update reservations r
set channel = case
    when r.idempotency_key like 'draw-offer-%' then 'DRAW'
    when r.idempotency_key like 'preorder-%' then 'PREORDER'
    when r.created_at < d.opens_at then 'EARLY_ACCESS'
    when d.access_mode = 'WAITLIST_ONLY' then 'WAITLIST'
    else 'PUBLIC' end
from drop_items i join drops d on d.id = i.drop_id
where i.id = r.drop_item_id and r.channel is null;

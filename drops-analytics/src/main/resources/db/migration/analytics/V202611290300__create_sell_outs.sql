-- When each drop first had no free unit, as checkout's DropSoldOut said: once per drop,
-- so a redelivered event changes nothing. The time to sell out is read from here rather
-- than guessed from the orders (a drop sells out when its last unit is held, and may sell
-- out with holds that were never paid).
create table analytics_sell_outs (
    drop_id     uuid        primary key,
    sold_out_at timestamptz not null
);

-- Sell-outs recorded before this table existed, and the drop totals that guessed them.
insert into analytics_sell_outs (drop_id, sold_out_at)
select drop_id, sold_out_at from drop_sell_outs on conflict do nothing;

update analytics_drop_totals t set sold_out_at = s.sold_out_at
from analytics_sell_outs s where s.drop_id = t.drop_id;

update analytics_drop_totals t set sold_out_at = null
where t.sold_out_at is not null and not exists (select 1 from analytics_sell_outs s where s.drop_id = t.drop_id);

-- After the storm: what the database holds for the storm drop's item. Oversold units are
-- units beyond the quantity in live holds and orders, plus any edition held or sold twice;
-- duplicate orders are second orders of one hold or of one fan (the per-fan limit is 1).
with item as (
    select i.id, i.quantity from drop_items i join drops d on d.id = i.drop_id where d.slug = 'storm-drop'
), live as (
    select unnest(r.editions) as edition from reservations r, item
    where r.drop_item_id = item.id and r.status in ('HELD', 'ORDERED')
), sold as (
    select unnest(o.editions) as edition from orders o, item where o.drop_item_id = item.id
)
select 'db.quantity', (select quantity from item)
union all select 'db.units.held-or-sold', (select count(*) from drop_units u, item where u.drop_item_id = item.id and u.reservation_id is not null)
union all select 'db.units.sold', (select count(*) from drop_units u, item where u.drop_item_id = item.id and u.sold)
union all select 'db.reservations.held', (select count(*) from reservations r, item where r.drop_item_id = item.id and r.status = 'HELD')
union all select 'db.reservations.ordered', (select count(*) from reservations r, item where r.drop_item_id = item.id and r.status = 'ORDERED')
union all select 'db.orders', (select count(*) from orders o, item where o.drop_item_id = item.id)
union all select 'db.oversold', (select greatest(0, count(*) - (select quantity from item)) + (count(*) - count(distinct edition)) from live)
union all select 'db.editions-sold-twice', (select count(*) - count(distinct edition) from sold)
union all select 'db.duplicate-orders',
    (select coalesce(sum(c - 1), 0) from (select count(*) as c from orders o, item where o.drop_item_id = item.id group by o.account_id having count(*) > 1) as per_fan)
    + (select coalesce(sum(c - 1), 0) from (select count(*) as c from orders o, item where o.drop_item_id = item.id group by o.reservation_id having count(*) > 1) as per_hold)
union all select 'db.fans-over-limit', (select count(*) from (select r.account_id from reservations r, item where r.drop_item_id = item.id and r.status in ('HELD', 'ORDERED') group by r.account_id having sum(r.quantity) > 1) as over)
union all select 'db.api-tokens.used', (select count(*) from api_tokens where last_used_at is not null)
union all select 'db.sessions', (select count(*) from spring_session);

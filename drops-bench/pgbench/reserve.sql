-- pgbench: what Drops runs against PostgreSQL for one successful reservation call,
-- POST /api/v1/drops/{slug}/reservations with a personal API token and an Idempotency-Key,
-- statement by statement as io.microdrops.account.ApiTokenManagement.authenticate,
-- io.microdrops.checkout.Checkout.reserve and SellOuts.look send them. The drop and the
-- SKU a claim needs are read once a second per node (ClaimTargets), not per call, and the
-- waitlist is not asked once a first-come drop is open to everyone: neither is here. The
-- analytics listener's own transaction, which the event starts after the answer is sent
-- (off the call, on another thread), is not here either.
-- Variables: -D drop=<slug> -D dropid=<drop id> -D sku=<slug> -D item=<drop item id>
--            -D fans=<n> -D secret=<token secret>.
-- Run with -M prepared, so :variables are bind parameters as the application's are.
\set n random(1, :fans)
\set k random(1, 2000000000)
-- 1. The token check in the security filter, statements on their own. The last-used
--    update is sent here every time; the application sends it at most once a minute per
--    token, so this side does a little more than the application.
select t.id as token_id, t.last_used_at, a.id as fan, a.email, a.display_name, a.enabled,
       array(select r.role from account_roles r where r.account_id = a.id) as roles
from api_tokens t join accounts a on a.id = t.account_id
where t.token_hash = encode(sha256(convert_to('drops_' || :secret || '_' || :n, 'UTF8')), 'hex') and t.revoked_at is null \gset
update api_tokens set last_used_at = now()
where id = :token_id and (last_used_at is null or last_used_at <= now() - interval '1 minute');
-- 2. The reservation, one transaction.
BEGIN;
select pg_advisory_xact_lock(hashtextextended(:fan || '|pgbench-' || :k, 0));
select r.id, r.quantity, r.editions, r.status, r.expires_at, r.account_id, r.request_hash, s.slug as sku, d.slug as drop
from reservations r join drop_items i on i.id = r.drop_item_id
join drops d on d.id = i.drop_id join skus s on s.id = i.sku_id
where r.account_id = :fan and r.idempotency_key = 'pgbench-' || :k;
select request_hash, order_id, refusal, refusal_detail, opens_to_fan_at from checkout_idempotency
where account_id = :fan and operation = 'RESERVE' and idempotency_key = 'pgbench-' || :k;
savepoint reserve_claim;
select exists (select 1 from drop_units where drop_item_id = :item and reservation_id is null);
insert into fan_allowances (drop_item_id, account_id, taken) values (:item, :fan, 1)
on conflict (drop_item_id, account_id)
do update set taken = fan_allowances.taken + excluded.taken
where fan_allowances.taken + excluded.taken <= 1000000
returning taken;
update drop_units set reservation_id = md5(:fan || :k)::uuid
where (drop_item_id, edition) in (
    select drop_item_id, edition from drop_units
    where drop_item_id = :item and reservation_id is null
    order by edition limit 1
    for update skip locked)
returning edition \gset
insert into reservations (id, drop_item_id, account_id, quantity, editions, status, expires_at,
                          created_at, idempotency_key, request_hash, channel)
values (md5(:fan || :k)::uuid, :item, :fan, 1, array[:edition::int], 'HELD', now() + interval '10 minutes', now(),
        'pgbench-' || :k, :drop || '|' || :sku || '|1', 'PUBLIC');
-- The ReservationPlaced event, kept by Spring Modulith's event publication registry in the
-- same transaction for its one registry listener (analytics), as the registry writes it.
insert into event_publication (id, event_type, listener_id, publication_date, serialized_event, status,
                               completion_attempts, last_resubmission_date)
values (gen_random_uuid(), 'io.microdrops.checkout.ReservationPlaced',
        'io.microdrops.analytics.EngagementListeners.on(io.microdrops.checkout.ReservationPlaced)', now(),
        '{"reservation":"' || md5(:fan || :k)::uuid || '","dropItem":"' || :item || '","fan":{"value":"' || :fan
        || '"},"editions":[' || :edition || '],"at":' || rtrim(to_json(now() at time zone 'UTC')::text, '"') || 'Z"}',
        'PUBLISHED', 0, null);
COMMIT;
-- 3. After the claim commits, the sell-out look, its own transaction.
BEGIN;
with recorded as (
    insert into drop_sell_outs (drop_id, sold_out_at)
    select :dropid, now()
    where exists (select 1 from drop_items i join drop_units u on u.drop_item_id = i.id where i.drop_id = :dropid)
      and not exists (select 1 from drop_items i join drop_units u on u.drop_item_id = i.id
                      where i.drop_id = :dropid and u.reservation_id is null)
    on conflict do nothing
    returning sold_out_at)
select exists (select 1 from recorded) as recorded,
       exists (select 1 from drop_sell_outs where drop_id = :dropid) as earlier;
COMMIT;

-- pgbench: what Drops runs against PostgreSQL for one successful reservation call,
-- POST /api/v1/drops/{slug}/reservations with a personal API token and an Idempotency-Key,
-- statement by statement as io.microdrops.account.ApiTokenManagement.authenticate and
-- io.microdrops.checkout.Checkout.reserve send them (the drop and SKU reads are the
-- statements Hibernate sends for DropManagement.find and CatalogManagement.find).
-- Variables: -D drop=<slug> -D sku=<slug> -D item=<drop item id> -D fans=<n> -D secret=<token secret>.
-- Run with -M prepared, so :variables are bind parameters as the application's are.
\set n random(1, :fans)
\set k random(1, 2000000000)
-- 1. The token check, its own short transaction in the security filter. The last-used
--    update is sent here every time; the application sends it at most once a minute per
--    token, so this side does a little more than the application.
BEGIN;
select t.id as token_id, t.last_used_at, a.id as fan, a.email, a.display_name, a.enabled,
       array(select r.role from account_roles r where r.account_id = a.id) as roles
from api_tokens t join accounts a on a.id = t.account_id
where t.token_hash = encode(sha256(convert_to('drops_' || :secret || '_' || :n, 'UTF8')), 'hex') and t.revoked_at is null \gset
update api_tokens set last_used_at = now()
where id = :token_id and (last_used_at is null or last_used_at <= now() - interval '1 minute');
COMMIT;
-- 2. The reservation, one transaction.
BEGIN;
select pg_advisory_xact_lock(hashtextextended(:fan || '|pgbench-' || :k, 0));
select r.id, r.quantity, r.editions, r.status, r.expires_at, r.account_id, r.request_hash, s.slug as sku, d.slug as drop
from reservations r join drop_items i on i.id = r.drop_item_id
join drops d on d.id = i.drop_id join skus s on s.id = i.sku_id
where r.account_id = :fan and r.idempotency_key = 'pgbench-' || :k;
select d.id as drop_id, d.slug, d.title, d.community_id, d.access_mode, d.announce_at, d.early_access_at, d.opens_at,
       d.closes_at, d.hold_minutes, d.preorder_threshold, d.scheduled, d.closed_early_at, d.cadence_id,
       d.cadence_occurrence, d.fatigue_override_by, d.fatigue_override_reason, d.created_at, d.version
from drops d where d.slug = :drop \gset
select i.drop_id, i.id, i.sku_id, i.quantity, i.per_fan_limit, i.position from drop_items i where i.drop_id = :drop_id;
select s.id, s.slug, s.name, s.price_minor, s.currency, s.edition_size, s.maker_name, s.maker_bio, s.status,
       s.created_at, s.version
from skus s where s.slug = :sku;
select sequence from waitlist_entries where drop_id = :drop_id and account_id = :fan;
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
                          created_at, idempotency_key, request_hash)
values (md5(:fan || :k)::uuid, :item, :fan, 1, array[:edition::int], 'HELD', now() + interval '10 minutes', now(),
        'pgbench-' || :k, :drop || '|' || :sku || '|1');
COMMIT;

-- pgbench: what Drops runs against PostgreSQL for one reservation call answered "sold out"
-- (409) once the node knows the drop item has no free unit (SoldOutMarks), statement by
-- statement as io.microdrops.account.ApiTokenManagement.authenticate and
-- io.microdrops.checkout.Checkout.reserve send them: the token check, then, because the call
-- carries an Idempotency-Key, the key's turn, its earlier answers, and the refusal kept for
-- it. No drop, SKU or unit is read. (A call without a key needs only the token check.)
-- Variables: -D drop=<slug> -D dropid=<drop id> -D sku=<slug> -D item=<drop item id>
--            -D fans=<n> -D secret=<token secret>.
\set n random(1, :fans)
\set k random(1, 2000000000)
select t.id as token_id, t.last_used_at, a.id as fan, a.email, a.display_name, a.enabled,
       array(select r.role from account_roles r where r.account_id = a.id) as roles
from api_tokens t join accounts a on a.id = t.account_id
where t.token_hash = encode(sha256(convert_to('drops_' || :secret || '_' || :n, 'UTF8')), 'hex') and t.revoked_at is null \gset
update api_tokens set last_used_at = now()
where id = :token_id and (last_used_at is null or last_used_at <= now() - interval '1 minute');
BEGIN;
select pg_advisory_xact_lock(hashtextextended(:fan || '|pgbench-' || :k, 0));
select r.id, r.quantity, r.editions, r.status, r.expires_at, r.account_id, r.request_hash, s.slug as sku, d.slug as drop
from reservations r join drop_items i on i.id = r.drop_item_id
join drops d on d.id = i.drop_id join skus s on s.id = i.sku_id
where r.account_id = :fan and r.idempotency_key = 'pgbench-' || :k;
select request_hash, order_id, refusal, refusal_detail, opens_to_fan_at from checkout_idempotency
where account_id = :fan and operation = 'RESERVE' and idempotency_key = 'pgbench-' || :k;
insert into checkout_idempotency (account_id, operation, idempotency_key, request_hash, refusal,
                                  refusal_detail, opens_to_fan_at, created_at)
values (:fan, 'RESERVE', 'pgbench-' || :k, :drop || '|' || :sku || '|1', 'SOLD_OUT', 'SOLD_OUT', null, now())
on conflict do nothing;
COMMIT;

-- pgbench: what Drops runs against PostgreSQL for one reservation call answered "sold out"
-- (409) once the node knows the drop item has no free unit (SoldOutMarks), statement by
-- statement as io.microdrops.account.ApiTokenManagement.authenticate and
-- io.microdrops.checkout.Checkout.reserve send them: the token check, then, because the call
-- carries an Idempotency-Key, io.microdrops.checkout.SoldOutAnswers's transaction: the key's
-- turn and the refusal kept for it, unless the key holds a hold or an answer already. The app
-- sends these for many calls at once (one key per call here, its worst case). No drop, SKU or
-- unit is read. (A call without a key needs only the token check.)
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
select k.i from unnest(cast(array[:fan || '|pgbench-' || :k] as text[])) with ordinality as k(turn, i)
where pg_try_advisory_xact_lock(hashtextextended(k.turn, 0));
insert into checkout_idempotency (account_id, operation, idempotency_key, request_hash, refusal,
                                  refusal_detail, created_at)
select k.fan, 'RESERVE', k.key, k.hash, 'SOLD_OUT', 'SOLD_OUT', now()
from unnest(cast(array[:fan] as uuid[]), array['pgbench-' || :k], array[:drop || '|' || :sku || '|1']) as k(fan, key, hash)
where not exists (select 1 from reservations r where r.account_id = k.fan and r.idempotency_key = k.key)
on conflict do nothing
returning account_id, idempotency_key, request_hash;
COMMIT;

-- Bench set-up: :fans fans, each with one personal API token drops_<secret>_<n>, numbered
-- from :first (1 unless given). Only the tokens' SHA-256 is stored, as the application
-- stores it. The password hash matches no password, so these accounts can only be used
-- through their tokens.
\if :{?first}
\else
\set first 1
\endif
begin;
insert into accounts (id, email, display_name, password_hash, enabled, created_at, email_confirmed_at)
select md5('bench-fan-' || n)::uuid, 'fan' || n || '@bench.invalid', 'Bench fan ' || n,
       '{bcrypt}$2a$10$matchesnopasswordmatchesnopasswordmatchesnopassword0', true, now(), now()
from generate_series(:first, :first + :fans - 1) as n;

insert into account_roles (account_id, role)
select md5('bench-fan-' || n)::uuid, 'FAN' from generate_series(:first, :first + :fans - 1) as n;

insert into api_tokens (id, account_id, name, token_hash, hint, created_at)
select gen_random_uuid(), md5('bench-fan-' || n)::uuid, 'storm',
       encode(sha256(convert_to('drops_' || :'secret' || '_' || n, 'UTF8')), 'hex'),
       left('drops_' || :'secret', 10), now()
from generate_series(:first, :first + :fans - 1) as n;
commit;
analyze accounts;
analyze account_roles;
analyze api_tokens;

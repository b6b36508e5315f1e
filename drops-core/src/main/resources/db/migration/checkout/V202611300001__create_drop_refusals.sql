-- Refused attempts per drop and reason (sold out, over the limit, not open, rate limited,
-- bot and identity rules, ...), for the drop's transparency page. Each node counts in
-- memory and adds its counts here about once a second, so a refusal never writes a shared
-- row on the request path.
create table drop_refusals (
    drop_id  uuid   not null references drops (id) on delete cascade,
    reason   text   not null check (reason ~ '^[a-z][a-z-]{0,39}$'),
    refusals bigint not null check (refusals >= 0),
    primary key (drop_id, reason)
);

-- Community hooks: outbound webhooks a merchandiser points at their community's tools
-- (a Discord channel, a bot, a spreadsheet). Each event becomes one delivery row per hook,
-- written when the event is handled, and a background sender posts it with retries.
create table community_webhooks (
    id           uuid primary key,
    community_id uuid         not null references communities (id) on delete cascade,
    url          varchar(500) not null,
    secret       varchar(100) not null,
    created_at   timestamptz  not null
);

create index community_webhooks_by_community on community_webhooks (community_id);

-- event_key makes an event's delivery once-only per hook: the event publication registry
-- may hand an event over again after a crash.
create table webhook_deliveries (
    id              uuid primary key,
    webhook_id      uuid          not null references community_webhooks (id) on delete cascade,
    event_type      varchar(40)   not null,
    event_key       varchar(200)  not null,
    drop_id         uuid,
    payload         text          not null,
    status          varchar(10)   not null default 'PENDING'
                    check (status in ('PENDING', 'SENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
    attempts        integer       not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz   not null,
    lease_until     timestamptz,
    response_status integer,
    response_body   varchar(500),
    last_error      varchar(500),
    created_at      timestamptz   not null,
    delivered_at    timestamptz,
    constraint webhook_deliveries_once unique (webhook_id, event_key),
    constraint webhook_deliveries_sending_has_lease check (status <> 'SENDING' or lease_until is not null)
);

create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'PENDING';
create index webhook_deliveries_leased on webhook_deliveries (lease_until) where status = 'SENDING';
create index webhook_deliveries_by_hook on webhook_deliveries (webhook_id, created_at desc);

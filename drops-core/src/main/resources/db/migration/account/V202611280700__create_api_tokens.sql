-- Personal API tokens, sent as "Authorization: Bearer <token>" on the JSON API. Only the
-- SHA-256 of each token is kept: a copy of this table opens no account. Revoked tokens stay
-- for the record and are refused. last_used_at moves at most once a minute per token, so a
-- busy client does not turn its token's row into a hot row.
create table api_tokens (
    id           uuid         primary key,
    account_id   uuid         not null references accounts (id) on delete cascade,
    name         varchar(60)  not null,
    token_hash   varchar(64)  not null,
    hint         varchar(12)  not null,
    created_at   timestamptz  not null,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    constraint api_tokens_hash_unique unique (token_hash)
);

create index api_tokens_by_account on api_tokens (account_id, created_at desc);

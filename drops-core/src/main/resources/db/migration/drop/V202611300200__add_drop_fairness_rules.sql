-- Fairness rules of a drop: which identities the per-fan limit spans beyond the account,
-- and what an account needs to buy. All off by default: existing drops behave as before.
alter table drops
    add column cap_across_cards                     boolean not null default false,
    add column cap_across_addresses                 boolean not null default false,
    add column require_confirmed_email              boolean not null default false,
    add column accounts_created_before              timestamptz,
    add column accounts_created_before_announcement boolean not null default false,
    add column min_account_age_days                 integer;

-- The token buckets of the rate limits (sign-in, sign-up, waitlist, reserve, order), kept
-- by Bucket4j so that every node counts against the same buckets. The id is the limit's
-- name and settings plus a hash of who is counted (an address or an account), never the
-- address or e-mail itself; state is Bucket4j's serialised bucket; expires_at (epoch
-- milliseconds) is when a bucket would be full again, after which the row is deleted.
create table rate_limit_buckets (
    id text primary key,
    state bytea,
    expires_at bigint
);

create index rate_limit_buckets_expires_at on rate_limit_buckets (expires_at);

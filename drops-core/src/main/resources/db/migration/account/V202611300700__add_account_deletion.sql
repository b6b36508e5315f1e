-- A fan may delete their account. The row stays as a tombstone, because orders, payments
-- and fulfilment are kept for the books and point at it: its address becomes a
-- placeholder no one can receive mail at (so the real address can sign up again), its
-- name, password, second factor and consents are gone, and deleted_at says when.
alter table accounts add column deleted_at timestamptz;

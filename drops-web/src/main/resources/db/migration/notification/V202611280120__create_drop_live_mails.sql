-- "Drop live" mail, at most once per fan and drop: the row is inserted in the same
-- transaction as the mail is queued, so a redelivered DropOpened event (after a crash, or
-- on another node) queues nothing twice.
create table drop_live_mails (
    drop_id    uuid        not null references drops (id) on delete cascade,
    account_id uuid        not null references accounts (id) on delete cascade,
    queued_at  timestamptz not null,
    primary key (drop_id, account_id)
);

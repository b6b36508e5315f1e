-- ShedLock's lock table (PostgreSQL layout): a scheduled job runs on one node at a time.
-- Times are written by the database (ShedLock's usingDbTime), in UTC.
create table if not exists shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);

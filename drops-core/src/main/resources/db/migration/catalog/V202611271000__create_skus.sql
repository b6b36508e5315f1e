-- Micro-SKUs.
create table skus (
    id           uuid primary key,
    slug         varchar(60)  not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name         varchar(120) not null,
    price_minor  bigint       not null check (price_minor >= 0),
    currency     varchar(3)   not null check (currency ~ '^[A-Z]{3}$'),
    edition_size integer check (edition_size is null or edition_size >= 1),
    maker_name   varchar(120),
    maker_bio    varchar(1000),
    status       varchar(10)  not null check (status in ('ACTIVE', 'RETIRED')),
    created_at   timestamptz  not null,
    version      bigint       not null default 0
);

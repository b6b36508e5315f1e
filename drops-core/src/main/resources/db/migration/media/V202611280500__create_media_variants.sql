-- Resized copies of uploaded images, made once per image and stored like any medium
-- (by the SHA-256 of their bytes). One row per original, format and width.
create table media_variants (
    original_key varchar(64) not null check (original_key ~ '^[0-9a-f]{64}$'),
    format       varchar(8)  not null check (format in ('WEBP', 'JPEG', 'PNG')),
    width        integer     not null check (width >= 1),
    height       integer     not null check (height >= 1),
    variant_key  varchar(64) not null check (variant_key ~ '^[0-9a-f]{64}$'),
    bytes        integer     not null check (bytes >= 1),
    created_at   timestamptz not null,
    primary key (original_key, format, width)
);

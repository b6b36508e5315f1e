-- The story of a SKU: an ordered list of modular content blocks. The content's shape
-- depends on the kind and is kept as jsonb; positions run 0, 1, 2… per SKU. The unique
-- position check is deferred to commit so a transaction can swap or renumber blocks.
create table sku_story_blocks (
    id         uuid primary key,
    sku_id     uuid        not null references skus (id) on delete cascade,
    position   integer     not null check (position >= 0),
    kind       varchar(12) not null check (kind in ('HERO', 'TEXT', 'INTERVIEW', 'GALLERY', 'SPECS', 'SHOWCASE')),
    content    jsonb       not null check (jsonb_typeof(content) = 'object'),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint sku_story_blocks_position_unique unique (sku_id, position) deferrable initially deferred
);

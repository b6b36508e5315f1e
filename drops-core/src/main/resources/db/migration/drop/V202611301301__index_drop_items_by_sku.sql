-- Edition numbers belong to a SKU's run across its drops: scheduling a drop looks up the
-- other drops of its SKUs.
create index drop_items_by_sku on drop_items (sku_id);

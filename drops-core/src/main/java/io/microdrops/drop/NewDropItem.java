package io.microdrops.drop;

import io.microdrops.catalog.SkuId;

/**
 * A SKU to put in a drop.
 *
 * @param sku the SKU
 * @param quantity how many units, at least 1
 * @param perFanLimit how many one fan may have, at least 1
 */
public record NewDropItem(SkuId sku, int quantity, int perFanLimit) {
}

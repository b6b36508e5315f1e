package io.microdrops.catalog;

import java.io.Serializable;
import java.util.UUID;

/**
 * Identifies a {@link Sku}; other modules refer to SKUs by this id.
 *
 * @param value the id
 */
public record SkuId(UUID value) implements Serializable {
}

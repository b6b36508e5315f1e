package io.microdrops.catalog;

import io.microdrops.shared.Money;

/**
 * What a merchandiser says about a SKU.
 *
 * @param name the name shown to fans
 * @param price the price of one unit
 * @param editionSize the size of the numbered run, or {@code null} for an open run
 * @param makerName the credited maker, or {@code null}
 * @param makerBio a short bio of the maker, or {@code null}
 */
public record SkuDetails(String name, Money price, Integer editionSize, String makerName, String makerBio) {
}

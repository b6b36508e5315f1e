package io.microdrops.fulfilment;

/**
 * A pickup handed over against its code.
 *
 * @param entry the order, now collected
 */
public record Handover(FulfilmentEntry entry) {
}

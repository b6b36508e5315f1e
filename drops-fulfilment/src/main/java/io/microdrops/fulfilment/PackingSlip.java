package io.microdrops.fulfilment;

/**
 * The slip packed with an order: who it is for, their editions ("#37 of 200") and the
 * merchandiser's personal note for the drop.
 *
 * @param entry the order
 * @param note the drop's packing note, or {@code null}
 */
public record PackingSlip(FulfilmentEntry entry, String note) {
}

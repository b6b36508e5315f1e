package io.microdrops.waitingroom;

import io.microdrops.drop.DropId;

/**
 * A drop's waiting room ended because every unit is sold: nobody still queued will be let
 * in. Published once per sell-out, in the admission round's transaction.
 *
 * @param drop the drop
 * @param slug the drop's slug
 */
public record WaitingRoomSoldOut(DropId drop, String slug) {
}

package io.microdrops.waitingroom;

import io.microdrops.drop.DropId;

/**
 * A drop's waiting room stopped because every unit is sold: nobody still queued is let in
 * unless a sold unit comes back. Published once per sell-out, in the admission round's
 * transaction.
 *
 * @param drop the drop
 * @param slug the drop's slug
 */
public record WaitingRoomSoldOut(DropId drop, String slug) {
}

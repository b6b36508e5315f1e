package io.microdrops.waitingroom;

import java.time.Instant;

import io.microdrops.drop.WaitingRoomSettings;

/**
 * A drop's waiting room for its merchandiser: queue size and admissions.
 *
 * @param settings the waiting room's settings
 * @param waiting fans waiting for admission
 * @param preQueue fans who joined before the opening
 * @param admitted fans admitted so far
 * @param used admissions used for a hold
 * @param open admissions neither used nor expired
 * @param expired admissions that ran out unused
 * @param shuffledAt when the pre-queue was shuffled, or {@code null}
 * @param seed the shuffle's seed, shown once the shuffle is done; {@code null} before
 * @param soldOutAt when the waiting room stopped because every unit was sold, or
 * {@code null}
 */
public record QueueOverview(WaitingRoomSettings settings, int waiting, int preQueue, int admitted, int used, int open,
		int expired, Instant shuffledAt, String seed, Instant soldOutAt) {

}

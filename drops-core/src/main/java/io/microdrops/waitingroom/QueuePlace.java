package io.microdrops.waitingroom;

import java.time.Instant;

/**
 * A fan's place in a drop's waiting room, as it is now.
 *
 * @param status where the fan stands
 * @param position the fan's position among the fans still waiting (1 is next), for
 * {@link Status#WAITING}; otherwise {@code null}
 * @param waiting fans still waiting for admission, the fan included
 * @param preQueue fans who joined before the opening, while their places are not drawn
 * yet
 * @param estimatedWaitSeconds the expected wait, from the set rate or the admissions of
 * the last minutes; {@code null} when it cannot be said honestly (no admissions yet, or
 * every unit is held right now)
 * @param unitsFree units nobody holds right now
 * @param admissionToken the admission to send with the reserve, for
 * {@link Status#ADMITTED}
 * @param admissionExpiresAt when that admission stops working
 * @param waitlistFirst whether the room lets in only the drop's waitlist members now and
 * this fan is not one (for {@link Status#NOT_JOINED}, {@link Status#PRE_QUEUE} and
 * {@link Status#WAITING}): on a drop with early access until its opening, when the fan's
 * turn can come; on a waitlist-only drop for good
 */
public record QueuePlace(Status status, Integer position, int waiting, int preQueue, Long estimatedWaitSeconds,
		int unitsFree, String admissionToken, Instant admissionExpiresAt, boolean waitlistFirst) {

	/**
	 * Where a fan stands in a waiting room.
	 */
	public enum Status {

		/** Not in the queue (signed in, but not joined). */
		NOT_JOINED,

		/** Joined before the opening; the place is drawn at the opening. */
		PRE_QUEUE,

		/** Queued, with a position. */
		WAITING,

		/** Admitted: may reserve once with the admission token until it expires. */
		ADMITTED,

		/** Reserved with the admission; may join again for another hold. */
		ADMISSION_USED,

		/** The admission ran out unused; may join again, at the back. */
		ADMISSION_EXPIRED,

		/** Every unit is sold: nobody else is admitted. */
		SOLD_OUT,

		/** The drop is over. */
		CLOSED

	}

}

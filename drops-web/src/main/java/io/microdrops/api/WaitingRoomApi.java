package io.microdrops.api;

import java.time.Instant;

import io.microdrops.waitingroom.QueuePlace;
import io.microdrops.waitingroom.WaitingRoom;
import io.microdrops.web.SignedInUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A fan's place in a drop's waiting room: {@code POST} joins (a fan already queued keeps
 * their place, so a retry is harmless), {@code GET} tells where the fan stands. Once
 * admitted, the answer carries the admission token to send with the reserve call in the
 * {@code Admission-Token} header.
 */
@RestController
@RequestMapping("/api/v1/drops/{slug}/queue")
class WaitingRoomApi {

	private final WaitingRoom rooms;

	WaitingRoomApi(WaitingRoom rooms) {
		this.rooms = rooms;
	}

	@GetMapping
	QueueJson place(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user) {
		return QueueJson.of(this.rooms.place(slug, user.accountId()));
	}

	@PostMapping
	QueueJson join(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user) {
		return QueueJson.of(this.rooms.join(slug, user.accountId()));
	}

	/**
	 * A fan's place.
	 *
	 * @param status {@code NOT_JOINED}, {@code PRE_QUEUE}, {@code WAITING},
	 * {@code ADMITTED}, {@code ADMISSION_USED}, {@code ADMISSION_EXPIRED},
	 * {@code SOLD_OUT} or {@code CLOSED}
	 * @param position 1 is next, while {@code WAITING}
	 * @param waiting fans waiting for admission
	 * @param preQueue fans in the pre-queue, until its places are drawn at the opening
	 * @param estimatedWaitSeconds the expected wait, or {@code null} when it cannot be
	 * said
	 * @param unitsFree units nobody holds now
	 * @param admissionToken the admission, while {@code ADMITTED}
	 * @param admissionExpiresAt when the admission stops working
	 * @param waitlistFirst {@code true} while the room lets in only the drop's waitlist
	 * members and this fan is not one (early access, until the opening; a waitlist-only
	 * drop, for good)
	 */
	record QueueJson(QueuePlace.Status status, Integer position, int waiting, int preQueue, Long estimatedWaitSeconds,
			int unitsFree, String admissionToken, Instant admissionExpiresAt, boolean waitlistFirst) {

		static QueueJson of(QueuePlace place) {
			return new QueueJson(place.status(), place.position(), place.waiting(), place.preQueue(),
					place.estimatedWaitSeconds(), place.unitsFree(), place.admissionToken(), place.admissionExpiresAt(),
					place.waitlistFirst());
		}

	}

}

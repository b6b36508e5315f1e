package io.microdrops.api;

import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.waitlist.WaitlistManagement;
import io.microdrops.waitlist.WaitlistPlace;
import io.microdrops.web.SignedInUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A fan joins a drop's waitlist. Joining is idempotent by nature (a fan is on a waitlist
 * once and keeps their first place), so the {@code Idempotency-Key} header changes
 * nothing here: a retry answers {@code 200} with the same position.
 */
@RestController
@RequestMapping("/api/v1/drops/{slug}/waitlist")
class WaitlistApi {

	private final DropManagement drops;

	private final WaitlistManagement waitlists;

	WaitlistApi(DropManagement drops, WaitlistManagement waitlists) {
		this.drops = drops;
		this.waitlists = waitlists;
	}

	@PostMapping
	ResponseEntity<PositionJson> join(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user) {
		if (this.drops.find(slug).isEmpty()) {
			throw new DropNotFoundException(slug);
		}
		WaitlistPlace place = this.waitlists.join(slug, user.accountId());
		return ResponseEntity.status(place.alreadyOnIt() ? HttpStatus.OK : HttpStatus.CREATED)
			.body(new PositionJson(place.position()));
	}

	/**
	 * A fan's place on a waitlist.
	 *
	 * @param position the position, from 1
	 */
	record PositionJson(int position) {
	}

}

package io.microdrops.ops.fulfilment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.microdrops.fulfilment.Actor;
import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.HubManagement;
import io.microdrops.fulfilment.TransitionRefusedException;
import io.microdrops.web.SignedInUser;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the ops pages share: the staff member as the actor recorded in the history, the
 * hub they work at (the one chosen, else the first active hub) and its today.
 */
@Component
class OpsFulfilment {

	private final HubManagement hubs;

	private final Clock clock;

	OpsFulfilment(HubManagement hubs, Clock clock) {
		this.hubs = hubs;
		this.clock = clock;
	}

	static Actor actor(SignedInUser user) {
		return new Actor(user.accountId().value(), user.displayName());
	}

	List<Hub> hubs() {
		return this.hubs.hubs();
	}

	Optional<Hub> hub(String slug) {
		if (slug != null && !slug.isBlank()) {
			return this.hubs.find(slug);
		}
		return this.hubs.activeHubs().stream().findFirst();
	}

	LocalDate today(Hub hub) {
		return hub.today(this.clock.instant());
	}

	/**
	 * Flashes a refusal as its message key and arguments: flash attributes live in the
	 * session store, so plain strings only.
	 */
	static void flashRefusal(RedirectAttributes redirect, TransitionRefusedException ex) {
		redirect.addFlashAttribute("refusal", ex.messageKey());
		redirect.addFlashAttribute("refusalArguments",
				Arrays.stream(ex.arguments()).map(String::valueOf).toArray(String[]::new));
	}

}

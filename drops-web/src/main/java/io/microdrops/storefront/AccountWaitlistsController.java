package io.microdrops.storefront;

import io.microdrops.waitlist.WaitlistManagement;
import io.microdrops.web.SignedInUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The signed-in fan's own waitlists, and nobody else's.
 */
@Controller
class AccountWaitlistsController {

	static final String VIEW_WAITLISTS = "storefront/account/waitlists";

	private final WaitlistManagement waitlists;

	AccountWaitlistsController(WaitlistManagement waitlists) {
		this.waitlists = waitlists;
	}

	@GetMapping("/account/waitlists")
	String waitlists(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("waitlists", this.waitlists.waitlistsOf(user.accountId()));
		return VIEW_WAITLISTS;
	}

}

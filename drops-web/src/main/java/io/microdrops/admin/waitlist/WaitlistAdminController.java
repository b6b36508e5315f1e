package io.microdrops.admin.waitlist;

import io.microdrops.account.AccountManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.waitlist.WaitlistManagement;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A drop's waitlist for merchandisers: its depth, the first fans by position, and whether
 * the early-access invitation went out.
 */
@Controller
class WaitlistAdminController {

	static final String VIEW_WAITLIST = "admin/waitlists/show";

	static final int FIRST = 50;

	private final DropManagement drops;

	private final WaitlistManagement waitlists;

	private final AccountManagement accounts;

	WaitlistAdminController(DropManagement drops, WaitlistManagement waitlists, AccountManagement accounts) {
		this.drops = drops;
		this.waitlists = waitlists;
		this.accounts = accounts;
	}

	@GetMapping("/admin/drops/{slug}/waitlist")
	String show(@PathVariable String slug, Model model) {
		model.addAttribute("view", this.drops.view(slug));
		var waitlist = this.waitlists.overview(slug, FIRST);
		model.addAttribute("waitlist", waitlist);
		// The fans' display names, not their addresses: what staff need to recognise
		// them.
		model.addAttribute("names",
				this.accounts.displayNames(waitlist.first().stream().map(entry -> entry.accountId()).toList()));
		model.addAttribute("first", FIRST);
		return VIEW_WAITLIST;
	}

}

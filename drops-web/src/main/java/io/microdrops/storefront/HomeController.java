package io.microdrops.storefront;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.microdrops.community.CommunityManagement;
import io.microdrops.community.CommunityManagement.CommunityOverview;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropState;
import io.microdrops.storefront.share.ShareCards;
import io.microdrops.web.SignedInUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

	static final String VIEW_HOME = "storefront/home/index";

	private final DropManagement drops;

	private final CommunityManagement communities;

	private final ShareCards shareCards;

	HomeController(DropManagement drops, CommunityManagement communities, ShareCards shareCards) {
		this.drops = drops;
		this.communities = communities;
		this.shareCards = shareCards;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("drops",
				this.drops.publicDrops().stream().filter(view -> view.state() != DropState.CLOSED).toList());
		// Every community, for fans to find one before it announces a drop; a signed-in
		// fan's own are marked.
		List<CommunityOverview> all = this.communities.overview();
		model.addAttribute("communities", all);
		model.addAttribute("memberOf",
				(user != null) ? this.communities.membershipsOf(user.accountId())
					.stream()
					.map(CommunityManagement.Membership::slug)
					.collect(Collectors.toSet()) : Set.of());
		model.addAttribute("share", this.shareCards.home());
		return VIEW_HOME;
	}

}

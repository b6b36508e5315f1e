package io.microdrops.storefront;

import java.util.Comparator;
import java.util.List;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.storefront.share.ShareCards;
import io.microdrops.web.SignedInUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class CommunityController {

	static final String VIEW_COMMUNITY = "storefront/communities/show";

	private final CommunityManagement communities;

	private final DropManagement drops;

	private final CatalogManagement catalog;

	private final ShareCards shareCards;

	CommunityController(CommunityManagement communities, DropManagement drops, CatalogManagement catalog,
			ShareCards shareCards) {
		this.communities = communities;
		this.drops = drops;
		this.catalog = catalog;
		this.shareCards = shareCards;
	}

	/**
	 * Open drops (early access, live, sold out) first, then the coming ones by opening,
	 * then the closed ones, latest first.
	 */
	private static final Comparator<DropView> NOW_FIRST = Comparator.comparingInt(CommunityController::rank)
		.thenComparing((a, b) -> (rank(a) == 2) ? b.drop().timeline().opensAt().compareTo(a.drop().timeline().opensAt())
				: a.drop().timeline().opensAt().compareTo(b.drop().timeline().opensAt()));

	private static int rank(DropView view) {
		return switch (view.state()) {
			case EARLY_ACCESS, LIVE, SOLD_OUT -> 0;
			case CLOSED -> 2;
			default -> 1;
		};
	}

	/** The communities are listed on the home page. */
	@GetMapping("/communities")
	String index() {
		return "redirect:/#communities";
	}

	@GetMapping("/communities/{slug}")
	String show(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user, Model model) {
		Community community = this.communities.require(slug);
		model.addAttribute("community", community);
		model.addAttribute("members", this.communities.memberCount(community.id()));
		model.addAttribute("member", user != null && this.communities.isMember(community.id(), user.accountId()));
		// What fans can buy now first, then what comes next, then the past, latest first.
		List<DropView> drops = this.drops.publicDrops()
			.stream()
			.filter(view -> view.communitySlug().equals(slug))
			.sorted(NOW_FIRST)
			.toList();
		model.addAttribute("drops", drops);
		model.addAttribute("calendarFeed", this.shareCards.calendarFeed(slug));
		model.addAttribute("share", this.shareCards.community(community, drops, this.catalog::story));
		return VIEW_COMMUNITY;
	}

	@PostMapping("/communities/{slug}/join")
	String join(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		this.communities.join(slug, user.accountId());
		redirect.addFlashAttribute("message", "community.joined");
		return "redirect:/communities/" + slug;
	}

	@PostMapping("/communities/{slug}/leave")
	String leave(@PathVariable String slug, @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		this.communities.leave(slug, user.accountId());
		redirect.addFlashAttribute("message", "community.left");
		return "redirect:/communities/" + slug;
	}

}

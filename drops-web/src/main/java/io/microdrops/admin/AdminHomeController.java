package io.microdrops.admin;

import java.util.List;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class AdminHomeController {

	static final String VIEW_HOME = "admin/home/index";

	private final DropManagement drops;

	private final CommunityManagement communities;

	private final CatalogManagement catalog;

	AdminHomeController(DropManagement drops, CommunityManagement communities, CatalogManagement catalog) {
		this.drops = drops;
		this.communities = communities;
		this.catalog = catalog;
	}

	@GetMapping("/admin")
	String home(Model model) {
		List<DropView> all = this.drops.allDrops();
		List<DropView> open = all.stream()
			.filter(view -> view.state() == DropState.LIVE || view.state() == DropState.EARLY_ACCESS
					|| view.state() == DropState.SOLD_OUT)
			.toList();
		List<DropView> upcoming = all.stream()
			.filter(view -> view.state() == DropState.SCHEDULED || view.state() == DropState.ANNOUNCED)
			.sorted((a, b) -> a.drop().timeline().opensAt().compareTo(b.drop().timeline().opensAt()))
			.limit(5)
			.toList();
		model.addAttribute("open", open);
		model.addAttribute("upcoming", upcoming);
		model.addAttribute("drafts", all.stream().filter(view -> view.state() == DropState.DRAFT).count());
		model.addAttribute("communityCount", this.communities.overview().size());
		model.addAttribute("skuCount", this.catalog.list().size());
		return VIEW_HOME;
	}

}

package io.microdrops.storefront;

import java.util.List;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.Story;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.storefront.share.ShareCards;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A SKU's own page: its story, price and the drops it comes in. Fans see a SKU only once
 * a drop that releases it is announced, so a page never gives away what is still being
 * planned.
 */
@Controller
class SkuController {

	static final String VIEW_SKU = "storefront/skus/show";

	static final String VIEW_NOT_FOUND = "error/404";

	private final CatalogManagement catalog;

	private final DropManagement drops;

	private final ShareCards shareCards;

	SkuController(CatalogManagement catalog, DropManagement drops, ShareCards shareCards) {
		this.catalog = catalog;
		this.drops = drops;
		this.shareCards = shareCards;
	}

	@GetMapping("/skus/{slug}")
	String show(@PathVariable String slug, Model model, HttpServletResponse response) {
		Sku sku = this.catalog.require(slug);
		List<DropView> in = this.drops.publicDrops()
			.stream()
			.filter(view -> view.items().stream().anyMatch(item -> item.sku().slug().equals(slug)))
			.toList();
		if (in.isEmpty()) {
			// Not released in any announced drop: as unknown as a SKU that does not
			// exist.
			response.setStatus(HttpStatus.NOT_FOUND.value());
			return VIEW_NOT_FOUND;
		}
		Story story = this.catalog.story(slug);
		model.addAttribute("sku", sku);
		model.addAttribute("story", story);
		model.addAttribute("drops", in);
		model.addAttribute("share", this.shareCards.sku(sku, story, in));
		return VIEW_SKU;
	}

}

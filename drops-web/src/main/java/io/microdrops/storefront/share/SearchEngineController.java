package io.microdrops.storefront.share;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.web.PublicUrls;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * What search engines read before the pages: {@code robots.txt}, which keeps them out of
 * the admin, ops and account areas and points at the sitemap, and {@code sitemap.xml},
 * which lists every public page: the landing page, each community, each announced drop
 * and each SKU released in one.
 */
@Controller
class SearchEngineController {

	/** Kept out of search engines: staff areas, fans' own pages, forms and the API. */
	private static final String[] DISALLOWED = { "/admin", "/ops", "/account", "/checkout", "/api/", "/actuator",
			"/login", "/signup", "/setup", "/invitations/", "/unsubscribe", "/logout" };

	private final PublicUrls urls;

	private final DropManagement drops;

	private final CommunityManagement communities;

	SearchEngineController(PublicUrls urls, DropManagement drops, CommunityManagement communities) {
		this.urls = urls;
		this.drops = drops;
		this.communities = communities;
	}

	@GetMapping(path = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE)
	ResponseEntity<String> robots() {
		StringBuilder text = new StringBuilder("User-agent: *\n");
		for (String path : DISALLOWED) {
			text.append("Disallow: ").append(path).append('\n');
		}
		text.append("Allow: /\n\nSitemap: ").append(this.urls.absolute("/sitemap.xml")).append('\n');
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
			.body(text.toString());
	}

	@GetMapping(path = "/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
	ResponseEntity<String> sitemap() {
		Set<String> paths = new LinkedHashSet<>();
		paths.add("/");
		this.communities.overview().forEach(community -> paths.add("/communities/" + community.slug()));
		for (DropView view : this.drops.publicDrops()) {
			paths.add("/drops/" + view.drop().slug());
			view.items().forEach(item -> paths.add("/skus/" + item.sku().slug()));
		}
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			.append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		for (String path : paths) {
			xml.append("  <url><loc>").append(HtmlUtils.htmlEscape(this.urls.absolute(path))).append("</loc></url>\n");
		}
		xml.append("</urlset>\n");
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(15)).cachePublic())
			.body(xml.toString());
	}

}

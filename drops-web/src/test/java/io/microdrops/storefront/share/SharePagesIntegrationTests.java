package io.microdrops.storefront.share;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.ImageUpload;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;
import io.microdrops.drop.PreorderOutcome;
import io.microdrops.drop.Timeline;
import io.microdrops.testsupport.TestImages;
import io.microdrops.web.TestDrops;
import io.microdrops.web.TestPreorders;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Reads the public pages as a link unfurler and a search engine would: the OpenGraph and
 * Twitter tags, the canonical address, the schema.org data, the pictures' copies,
 * robots.txt and the sitemap, and checks each against the data the page shows.
 */
@SpringBootTest(properties = "drops.public-base-url=https://drops.example.test/")
@AutoConfigureMockMvc
class SharePagesIntegrationTests {

	static final String BASE = "https://drops.example.test";

	static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	ZonedDateTime opens;

	@BeforeEach
	void setUp() {
		this.opens = LocalDate.now(TestDrops.LONDON).plusDays(9).atTime(LocalTime.of(18, 0)).atZone(TestDrops.LONDON);
	}

	@Test
	void aPastedDropLinkUnfurlsWithItsPictureTitleAndOpeningTime() throws Exception {
		String slug = announcedDrop("Winter run", this.opens.minusMinutes(30).toInstant());
		DropView view = this.drops.view(slug);
		String sku = view.items().get(0).sku().slug();
		this.catalog.addHero(sku, "Cast by hand",
				new ImageUpload(TestImages.image("jpeg", 1600, 900, 7), "A brass keycap on slate"));

		Document page = page("/drops/" + slug);

		assertThat(meta(page, "og:title")).isEqualTo("Winter run");
		assertThat(page.title()).startsWith("Winter run");
		String when = "Opens " + DAY_AND_TIME.format(this.opens) + " (Europe/London), waitlist early access from "
				+ DAY_AND_TIME.format(this.opens.minusMinutes(30));
		assertThat(meta(page, "og:description")).startsWith(when)
			.contains("A drop for Keycap Collectors")
			.contains(view.items().get(0).sku().name() + ", 24.50 GBP");
		assertThat(meta(page, "twitter:description")).isEqualTo(meta(page, "og:description"));
		assertThat(page.selectFirst("meta[name=description]").attr("content")).isEqualTo(meta(page, "og:description"));
		assertThat(meta(page, "og:url")).isEqualTo(BASE + "/drops/" + slug);
		assertThat(page.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(BASE + "/drops/" + slug);
		assertThat(meta(page, "twitter:card")).isEqualTo("summary_large_image");
		assertThat(meta(page, "twitter:label1")).isEqualTo("Opens");
		assertThat(meta(page, "twitter:data1")).isEqualTo(DAY_AND_TIME.format(this.opens) + " (Europe/London)");

		// The picture an unfurler fetches: absolute, JPEG, about 1200 wide, as announced.
		String image = meta(page, "og:image");
		assertThat(image).startsWith(BASE + "/media/");
		assertThat(meta(page, "twitter:image")).isEqualTo(image);
		assertThat(meta(page, "og:image:alt")).isEqualTo("A brass keycap on slate");
		assertThat(meta(page, "og:image:type")).isEqualTo("image/jpeg");
		MvcResult picture = this.mvc.perform(get(image.substring(BASE.length())))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(picture.getResponse().getContentType()).isEqualTo("image/jpeg");
		assertThat(picture.getResponse().getHeader("Cache-Control")).contains("max-age=31536000", "immutable");
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(picture.getResponse().getContentAsByteArray()));
		assertThat(decoded.getWidth()).isEqualTo(1280).hasToString(meta(page, "og:image:width"));
		assertThat(decoded.getHeight()).isEqualTo(720).hasToString(meta(page, "og:image:height"));
	}

	@Test
	void theDropPageOffersItsStoryPicturesInSizedCopiesAndLoadsThemLazily() throws Exception {
		String slug = announcedDrop("Pictures", null);
		String sku = this.drops.view(slug).items().get(0).sku().slug();
		this.catalog.addHero(sku, "Hero", new ImageUpload(TestImages.image("png", 1000, 500, 8), "Hero picture"));
		this.catalog.addGallery(sku, new ImageUpload(TestImages.image("jpeg", 400, 300, 9), "A mould"), "Step one");

		Document page = page("/drops/" + slug);

		Element hero = page.selectFirst(".story-hero picture img");
		assertThat(hero.attr("width")).isEqualTo("1000");
		assertThat(hero.attr("height")).isEqualTo("500");
		assertThat(hero.attr("alt")).isEqualTo("Hero picture");
		assertThat(hero.attr("srcset"))
			.matches("/media/[0-9a-f]{64} 320w, /media/[0-9a-f]{64} 640w, /media/[0-9a-f]{64} 1000w");
		assertThat(hero.attr("sizes")).isNotBlank();
		assertThat(hero.attr("src")).matches("/media/[0-9a-f]{64}");
		// Below the timeline on the drop page, so it waits until it is scrolled near.
		assertThat(hero.attr("loading")).isEqualTo("lazy");
		Element webp = page.selectFirst(".story-hero picture source[type=image/webp]");
		assertThat(webp.attr("srcset"))
			.matches("/media/[0-9a-f]{64} 320w, /media/[0-9a-f]{64} 640w, /media/[0-9a-f]{64} 1000w");
		Element photo = page.selectFirst(".story-gallery picture img");
		assertThat(photo.attr("srcset")).matches("/media/[0-9a-f]{64} 320w, /media/[0-9a-f]{64} 400w");
		assertThat(photo.attr("width")).isEqualTo("400");
		assertThat(photo.attr("loading")).isEqualTo("lazy");
		for (String src : webp.attr("srcset").split(", ")) {
			this.mvc.perform(get(src.split(" ")[0]))
				.andExpect(status().isOk())
				.andExpect(result -> assertThat(result.getResponse().getContentType()).isEqualTo("image/webp"));
		}
	}

	@Test
	void describesEachDropItemAsAProductWithItsRealPriceAndAvailability() throws Exception {
		String announced = announcedDrop("Soon", null);
		Instant now = Instant.now();
		String live = TestDrops.drop(this.communities, this.catalog, this.drops, "Now", AccessMode.FIRST_COME,
				new Timeline(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofHours(1)),
						now.plus(Duration.ofDays(1))),
				true);

		Map<String, Object> soon = jsonLd(page("/drops/" + announced));
		Map<String, Object> open = jsonLd(page("/drops/" + live));

		assertThat(soon).containsEntry("@context", "https://schema.org").containsEntry("@type", "Product");
		assertThat(soon.get("name")).isEqualTo(this.drops.view(announced).items().get(0).sku().name());
		assertThat(offer(soon)).containsEntry("price", "24.50")
			.containsEntry("priceCurrency", "GBP")
			.containsEntry("availability", "https://schema.org/PreOrder")
			.containsEntry("url", BASE + "/drops/" + announced);
		assertThat(offer(open)).containsEntry("availability", "https://schema.org/InStock");
		assertThat(offer(open).get("inventoryLevel")).isEqualTo(Map.of("@type", "QuantitativeValue", "value", 50));
	}

	@Test
	void saysInStockOnceAPreorderDropWasConfirmedAndIsLive() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		// Pre-orders closed two hours ago, sales opened an hour ago.
		Timeline timeline = new Timeline(now.minus(Duration.ofHours(3)), null, now.minus(Duration.ofHours(1)),
				now.plus(Duration.ofDays(1)));
		String slug = TestPreorders.drop(this.communities, this.catalog, this.drops,
				TestPreorders.community(this.communities), timeline, now.minus(Duration.ofHours(2)), 10, 2, 1);
		assertThat(offer(jsonLd(page("/drops/" + slug)))).as("while the pre-orders are not settled")
			.containsEntry("availability", "https://schema.org/PreOrder");

		this.drops.settlePreorders(slug, PreorderOutcome.CONFIRMED);

		assertThat(this.drops.view(slug).state()).isEqualTo(DropState.LIVE);
		assertThat(offer(jsonLd(page("/drops/" + slug)))).containsEntry("availability", "https://schema.org/InStock");
	}

	@Test
	void writesStructuredDataThatNoTitleCanBreakOutOf() throws Exception {
		String slug = announcedDrop("Safe", null);
		String sku = this.drops.view(slug).items().get(0).sku().slug();
		this.catalog.update(sku, new io.microdrops.catalog.SkuDetails("Cap </script><script>alert(1)</script> & co",
				io.microdrops.shared.Money.of(2450, "GBP"), 200, null, null));

		MvcResult result = this.mvc.perform(get("/drops/" + slug)).andExpect(status().isOk()).andReturn();
		String html = result.getResponse().getContentAsString();

		assertThat(html).doesNotContain("<script>alert(1)");
		Map<String, Object> product = jsonLd(Jsoup.parse(html));
		assertThat(product.get("name")).isEqualTo("Cap </script><script>alert(1)</script> & co");
	}

	@Test
	void communityAndSkuPagesCarryTheirOwnCards() throws Exception {
		String slug = announcedDrop("Community card", null);
		DropView view = this.drops.view(slug);
		String sku = view.items().get(0).sku().slug();
		this.catalog.addHero(sku, "Hero", new ImageUpload(TestImages.image("jpeg", 800, 600, 10), "A keycap"));

		Document community = page("/communities/" + view.communitySlug());
		assertThat(meta(community, "og:title")).isEqualTo("Keycap Collectors");
		assertThat(meta(community, "og:description")).isEqualTo("Fans of keycaps. Next drop: Community card, opens "
				+ DAY_AND_TIME.format(this.opens) + " (Europe/London).");
		assertThat(meta(community, "og:url")).isEqualTo(BASE + "/communities/" + view.communitySlug());
		assertThat(meta(community, "og:image")).startsWith(BASE + "/media/");
		assertThat(meta(community, "og:image:width")).isEqualTo("800");
		assertThat(community.selectFirst("a[href^=webcal:]").attr("href"))
			.isEqualTo("webcal://drops.example.test/communities/" + view.communitySlug() + "/drops.ics");

		Document skuPage = page("/skus/" + sku);
		assertThat(skuPage.selectFirst("h1").text()).isEqualTo(view.items().get(0).sku().name());
		assertThat(meta(skuPage, "og:title")).isEqualTo(view.items().get(0).sku().name());
		assertThat(meta(skuPage, "og:description")).startsWith(view.items().get(0).sku().name() + ", 24.50 GBP.")
			.contains("Numbered edition of 200.")
			.contains("In Community card: Opens " + DAY_AND_TIME.format(this.opens));
		assertThat(skuPage.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(BASE + "/skus/" + sku);
		assertThat(offer(jsonLd(skuPage))).containsEntry("availability", "https://schema.org/PreOrder");
		assertThat(skuPage.selectFirst(".story-hero picture img").attr("loading")).isEqualTo("eager");
		assertThat(skuPage.select("a[href=/drops/" + slug + "]")).hasSize(1);
	}

	@Test
	void keepsSkusOfUnannouncedDropsOutOfSight() throws Exception {
		String draft = TestDrops.drop(this.communities, this.catalog, this.drops, "Secret", AccessMode.FIRST_COME,
				TestDrops.upcoming(Instant.now(), null, this.opens.toInstant()), false);
		String sku = this.drops.view(draft).items().get(0).sku().slug();

		this.mvc.perform(get("/skus/" + sku)).andExpect(status().isNotFound());
		this.mvc.perform(get("/skus/no-such-sku")).andExpect(status().isNotFound());
		String sitemap = this.mvc.perform(get("/sitemap.xml")).andReturn().getResponse().getContentAsString();
		assertThat(sitemap).doesNotContain(draft).doesNotContain(sku);
	}

	@Test
	void robotsKeepStaffAndAccountAreasOutAndPointAtTheSitemapOfPublicPages() throws Exception {
		String slug = announcedDrop("Listed", null);
		DropView view = this.drops.view(slug);

		String robots = this.mvc.perform(get("/robots.txt"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(robots.lines()).contains("User-agent: *", "Disallow: /admin", "Disallow: /ops", "Disallow: /account",
				"Disallow: /checkout", "Sitemap: " + BASE + "/sitemap.xml");

		MvcResult sitemap = this.mvc.perform(get("/sitemap.xml")).andExpect(status().isOk()).andReturn();
		assertThat(sitemap.getResponse().getContentType()).startsWith("application/xml");
		Document xml = Jsoup.parse(sitemap.getResponse().getContentAsString(), "", org.jsoup.parser.Parser.xmlParser());
		List<String> locations = xml.select("url > loc").eachText();
		assertThat(locations).contains(BASE + "/", BASE + "/drops/" + slug,
				BASE + "/communities/" + view.communitySlug(), BASE + "/skus/" + view.items().get(0).sku().slug());
		assertThat(locations).noneMatch(location -> location.contains("/admin") || location.contains("/account"));
	}

	private String announcedDrop(String title, Instant earlyAccess) {
		return TestDrops.drop(this.communities, this.catalog, this.drops, title, AccessMode.FIRST_COME,
				TestDrops.upcoming(Instant.now(), earlyAccess, this.opens.toInstant()), true);
	}

	private Document page(String path) throws Exception {
		MvcResult result = this.mvc.perform(get(path)).andExpect(status().isOk()).andReturn();
		return Jsoup.parse(result.getResponse().getContentAsString());
	}

	// As unfurlers do: OpenGraph in property, Twitter in name.
	private static String meta(Document page, String key) {
		Element element = page.selectFirst("meta[property=" + key + "], meta[name=" + key + "]");
		assertThat(element).as(key).isNotNull();
		return element.attr("content");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> jsonLd(Document page) {
		Element script = page.selectFirst("script[type=application/ld+json]");
		assertThat(script).isNotNull();
		return JSON.readValue(script.data(), Map.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> offer(Map<String, Object> product) {
		return (Map<String, Object>) product.get("offers");
	}

}

package io.microdrops.storefront.share;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.microdrops.catalog.Sku;
import io.microdrops.catalog.Story;
import io.microdrops.catalog.StoryBlock;
import io.microdrops.catalog.StoryBlockContent;
import io.microdrops.catalog.StoryImage;
import io.microdrops.community.Community;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;
import io.microdrops.storefront.media.ResponsiveImages;
import io.microdrops.web.PublicUrls;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Writes the share cards of the storefront's public pages: the title, a description that
 * says when a drop happens, the hero picture at the size unfurlers want, the canonical
 * address, and for drops and SKUs schema.org {@code Product}/{@code Offer} data with the
 * real price and availability.
 */
@Component
public class ShareCards {

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm",
			Locale.ENGLISH);

	private static final int MAX_DESCRIPTION = 300;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PublicUrls urls;

	private final ResponsiveImages images;

	private final MessageSource messages;

	ShareCards(PublicUrls urls, ResponsiveImages images, MessageSource messages) {
		this.urls = urls;
		this.images = images;
		this.messages = messages;
	}

	/**
	 * The landing page's card.
	 * @return the card
	 */
	public ShareCard home() {
		return new ShareCard(text("app.name"), text("app.tagline"), this.urls.absolute("/"), null, List.of(), null);
	}

	/**
	 * A drop page's card.
	 * @param view the drop now
	 * @param stories each item's SKU story, in item order
	 * @return the card
	 */
	public ShareCard drop(DropView view, List<Story> stories) {
		Drop drop = view.drop();
		ZoneId zone = view.timeZone();
		List<String> items = new ArrayList<>();
		for (DropView.Item item : view.items()) {
			items.add(text("share.drop.item", item.sku().name(), price(item.sku())));
		}
		String itemText = (items.size() <= 2) ? String.join("; ", items)
				: items.get(0) + "; " + text("share.drop.items.more", items.size() - 1);
		String description = text("share.drop.description", when(view), view.communityName(), itemText);
		List<ShareCard.Label> labels = new ArrayList<>();
		labels.add(new ShareCard.Label(text("share.label.opens"),
				format(drop.timeline().opensAt(), zone) + " (" + zone.getId() + ")"));
		if (!view.items().isEmpty()) {
			labels.add(new ShareCard.Label(text("share.label.price"), price(view.items().get(0).sku())));
		}
		String url = this.urls.absolute("/drops/" + drop.slug());
		ShareCard.Image image = stories.stream()
			.map(ShareCards::firstImage)
			.flatMap(Optional::stream)
			.findFirst()
			.flatMap(this::cardImage)
			.orElse(null);
		List<Object> products = new ArrayList<>();
		for (int i = 0; i < view.items().size(); i++) {
			DropView.Item item = view.items().get(i);
			Story story = (i < stories.size()) ? stories.get(i) : null;
			products.add(product(item.sku(), story, List.of(offer(view, item, url)),
					skuDescription(item.sku()) + " " + when(view) + "."));
		}
		return new ShareCard(drop.title(), clip(description), url, image, labels, jsonLd(products));
	}

	/**
	 * A community page's card, pictured with the hero of its next drop.
	 * @param community the community
	 * @param drops its public drops, by opening time
	 * @param storyOf reads a SKU's story by slug
	 * @return the card
	 */
	public ShareCard community(Community community, List<DropView> drops, Function<String, Story> storyOf) {
		Optional<DropView> next = drops.stream().filter(view -> view.state() != DropState.CLOSED).findFirst();
		StringBuilder description = new StringBuilder();
		if (community.details().description() != null) {
			description.append(community.details().description().strip());
		}
		next.ifPresent(view -> description.append(description.isEmpty() ? "" : " ")
			.append(text("share.community.next", view.drop().title(),
					format(view.drop().timeline().opensAt(), view.timeZone()), view.timeZone().getId())));
		ShareCard.Image image = next.flatMap(view -> view.items().stream().findFirst())
			.flatMap(item -> firstImage(storyOf.apply(item.sku().slug())))
			.flatMap(this::cardImage)
			.orElse(null);
		List<ShareCard.Label> labels = next
			.map(view -> List.of(new ShareCard.Label(text("share.label.next"),
					format(view.drop().timeline().opensAt(), view.timeZone()) + " (" + view.timeZone().getId() + ")")))
			.orElse(List.of());
		return new ShareCard(community.name(), clip(description.toString()),
				this.urls.absolute("/communities/" + community.slug()), image, labels, null);
	}

	/**
	 * A SKU page's card.
	 * @param sku the SKU
	 * @param story its story
	 * @param drops the public drops it is in, by opening time
	 * @return the card
	 */
	public ShareCard sku(Sku sku, Story story, List<DropView> drops) {
		StringBuilder description = new StringBuilder(skuDescription(sku));
		Optional<DropView> next = drops.stream().filter(view -> view.state() != DropState.CLOSED).findFirst();
		next.ifPresent(
				view -> description.append(' ').append(text("share.sku.in-drop", view.drop().title(), when(view))));
		String url = this.urls.absolute("/skus/" + sku.slug());
		List<Object> offers = new ArrayList<>();
		for (DropView view : drops) {
			view.items()
				.stream()
				.filter(item -> item.sku().id().equals(sku.id()))
				.findFirst()
				.ifPresent(item -> offers.add(offer(view, item, this.urls.absolute("/drops/" + view.drop().slug()))));
		}
		ShareCard.Image image = firstImage(story).flatMap(this::cardImage).orElse(null);
		List<ShareCard.Label> labels = List.of(new ShareCard.Label(text("share.label.price"), price(sku)));
		return new ShareCard(sku.name(), clip(description.toString()), url, image, labels,
				jsonLd(List.of(product(sku, story, offers, description.toString()))));
	}

	/**
	 * Returns the {@code webcal:} address of a community's drop feed, which calendar apps
	 * open as a subscription.
	 * @param communitySlug the community
	 * @return the address
	 */
	public String calendarFeed(String communitySlug) {
		return this.urls.webcal("/communities/" + communitySlug + "/drops.ics");
	}

	/**
	 * Tells what schema.org availability a drop item has now: {@code SoldOut} with no
	 * unit left, {@code Discontinued} once the drop is over, {@code PreOrder} while the
	 * drop is announced but not open, or its pre-order run is not settled yet, and
	 * {@code InStock} while it is open with units left, also once its pre-orders were
	 * confirmed.
	 * @param view the drop now
	 * @param item one of its items
	 * @return the availability's schema.org name
	 */
	public static String availability(DropView view, DropView.Item item) {
		if (item.remaining() == 0 || view.state() == DropState.SOLD_OUT) {
			return "SoldOut";
		}
		if (view.state() == DropState.CLOSED) {
			return "Discontinued";
		}
		boolean preorderRunOpen = view.drop().preorderThreshold() != null && view.drop().preorderOutcome() == null;
		if (view.state() == DropState.ANNOUNCED || view.state() == DropState.SCHEDULED || preorderRunOpen) {
			return "PreOrder";
		}
		return "InStock";
	}

	private String skuDescription(Sku sku) {
		StringBuilder description = new StringBuilder(text("share.sku.description", sku.name(), price(sku)));
		if (sku.editionSize() != null) {
			description.append(' ').append(text("share.sku.edition", sku.editionSize()));
		}
		if (sku.makerName() != null) {
			description.append(' ').append(text("share.sku.maker", sku.makerName()));
		}
		return description.toString();
	}

	private String when(DropView view) {
		Drop drop = view.drop();
		ZoneId zone = view.timeZone();
		Instant closes = (drop.closedEarlyAt() != null) ? drop.closedEarlyAt() : drop.timeline().closesAt();
		Instant early = drop.timeline().earlyAccessAt();
		String key = "share.drop.when." + view.state().name();
		if (early != null && (view.state() == DropState.ANNOUNCED || view.state() == DropState.SCHEDULED)) {
			key += ".early";
		}
		return text(key, format(drop.timeline().opensAt(), zone), zone.getId(), format(closes, zone),
				(early != null) ? format(early, zone) : "");
	}

	private Map<String, Object> offer(DropView view, DropView.Item item, String url) {
		Map<String, Object> offer = new LinkedHashMap<>();
		offer.put("@type", "Offer");
		offer.put("url", url);
		offer.put("price", item.sku().price().toMajor().toPlainString());
		offer.put("priceCurrency", item.sku().price().currency().getCurrencyCode());
		offer.put("availability", "https://schema.org/" + availability(view, item));
		Instant starts = (view.drop().timeline().earlyAccessAt() != null) ? view.drop().timeline().earlyAccessAt()
				: view.drop().timeline().opensAt();
		offer.put("availabilityStarts", starts.toString());
		offer.put("availabilityEnds", view.drop().timeline().closesAt().toString());
		offer.put("inventoryLevel", Map.of("@type", "QuantitativeValue", "value", item.remaining()));
		return offer;
	}

	private Map<String, Object> product(Sku sku, Story story, List<Object> offers, String description) {
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("@type", "Product");
		product.put("name", sku.name());
		product.put("sku", sku.slug());
		product.put("url", this.urls.absolute("/skus/" + sku.slug()));
		product.put("description", clip(description));
		Optional.ofNullable(story)
			.flatMap(ShareCards::firstImage)
			.flatMap(this::cardImage)
			.ifPresent(image -> product.put("image", image.url()));
		if (offers.size() == 1) {
			product.put("offers", offers.get(0));
		}
		else if (!offers.isEmpty()) {
			product.put("offers", offers);
		}
		return product;
	}

	private static String jsonLd(List<Object> things) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("@context", "https://schema.org");
		if (things.size() == 1) {
			@SuppressWarnings("unchecked")
			Map<String, Object> only = (Map<String, Object>) things.get(0);
			document.putAll(only);
		}
		else {
			document.put("@graph", things);
		}
		// Written inside <script>: no character of it may close the element or open a
		// comment. These three can only appear inside JSON strings, where the escapes
		// mean the same.
		return JSON.writeValueAsString(document)
			.replace("<", "\\u003c")
			.replace(">", "\\u003e")
			.replace("&", "\\u0026");
	}

	private Optional<ShareCard.Image> cardImage(StoryImage image) {
		return this.images.cardCopy(image)
			.map(copy -> new ShareCard.Image(this.urls.absolute(ResponsiveImages.path(copy.id().value())),
					copy.format().contentType(), copy.width(), copy.height(), image.altText()));
	}

	/**
	 * The picture that stands for a story: its first hero, or else its first photo.
	 * @param story the story
	 * @return the image, if the story has any
	 */
	static Optional<StoryImage> firstImage(Story story) {
		StoryImage photo = null;
		for (StoryBlock block : story.blocks()) {
			List<StoryBlockContent.StoryPhoto> photos = switch (block.content()) {
				case StoryBlockContent.Hero hero -> List.of(new StoryBlockContent.StoryPhoto(hero.image(), null));
				case StoryBlockContent.Gallery gallery -> gallery.photos();
				case StoryBlockContent.Showcase showcase -> showcase.photos();
				default -> List.of();
			};
			if (block.content() instanceof StoryBlockContent.Hero) {
				return Optional.of(photos.get(0).image());
			}
			if (photo == null && !photos.isEmpty()) {
				photo = photos.get(0).image();
			}
		}
		return Optional.ofNullable(photo);
	}

	private static String price(Sku sku) {
		return sku.price().toMajor().toPlainString() + " " + sku.price().currency().getCurrencyCode();
	}

	private static String format(Instant instant, ZoneId zone) {
		return DAY_AND_TIME.format(instant.atZone(zone));
	}

	private static String clip(String text) {
		String plain = text.replaceAll("\\s+", " ").strip();
		return (plain.length() <= MAX_DESCRIPTION) ? plain : plain.substring(0, MAX_DESCRIPTION - 1).strip() + "…";
	}

	private String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

}

package io.microdrops.api;

import java.time.Instant;
import java.util.List;

import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;

/**
 * A drop on the JSON API, with its real remaining stock per item.
 *
 * @param slug the drop's slug
 * @param title its title
 * @param state its state at the moment of the call
 * @param accessMode who may buy
 * @param announceAt when it is announced
 * @param earlyAccessAt when early access starts, or {@code null}
 * @param opensAt when it opens
 * @param closesAt when it closes
 * @param community the community's slug
 * @param holdMinutes how long a reservation holds units
 * @param items the items
 */
record DropJson(String slug, String title, DropState state, AccessMode accessMode, Instant announceAt,
		Instant earlyAccessAt, Instant opensAt, Instant closesAt, String community, int holdMinutes, List<Item> items) {

	static DropJson of(DropView view) {
		var drop = view.drop();
		var timeline = drop.timeline();
		return new DropJson(drop.slug(), drop.title(), view.state(), drop.accessMode(), timeline.announceAt(),
				timeline.earlyAccessAt(), timeline.opensAt(), timeline.closesAt(), view.communitySlug(),
				drop.holdMinutes(),
				view.items()
					.stream()
					.map(item -> new Item(item.sku().slug(), item.sku().name(), item.item().quantity(),
							item.remaining(), item.item().perFanLimit(), item.sku().price().minor(),
							item.sku().price().currency().getCurrencyCode()))
					.toList());
	}

	/**
	 * One item of a drop.
	 *
	 * @param sku the SKU's slug
	 * @param name the SKU's name
	 * @param quantity units released
	 * @param remaining units available now
	 * @param perFanLimit units one fan may have
	 * @param priceMinor the unit price in minor units
	 * @param currency the ISO 4217 currency
	 */
	record Item(String sku, String name, int quantity, int remaining, int perFanLimit, long priceMinor,
			String currency) {
	}

	/**
	 * A drop in a list.
	 *
	 * @param slug the slug
	 * @param title the title
	 * @param state the state now
	 * @param opensAt when it opens
	 * @param closesAt when it closes
	 * @param community the community's slug
	 */
	record Summary(String slug, String title, DropState state, Instant opensAt, Instant closesAt, String community) {

		static Summary of(DropView view) {
			return new Summary(view.drop().slug(), view.drop().title(), view.state(), view.drop().timeline().opensAt(),
					view.drop().timeline().closesAt(), view.communitySlug());
		}

	}

}

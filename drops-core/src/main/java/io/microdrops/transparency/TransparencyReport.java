package io.microdrops.transparency;

import java.time.Instant;
import java.util.List;

import io.microdrops.checkout.Channel;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.draw.PublishedDraw;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropState;

/**
 * How a drop went, in figures anyone may read. Before the drop sells out or closes only
 * its timeline (and a draw's commitment) is published; from the sell-out the figures are,
 * marked {@link #provisional() provisional} until the drop closes, since a held unit may
 * still be paid for or run out until then.
 *
 * @param slug the drop
 * @param title its title
 * @param community the community's name
 * @param timeZone the community's time zone, as people read the times
 * @param accessMode first come, waitlist only or draw
 * @param state the drop's state when the report was read
 * @param published whether the figures are published (sold out or closed)
 * @param provisional whether they can still change (published, not closed yet)
 * @param generatedAt when the report was read
 * @param salesStartAt when the first fans could buy: the early access, else the opening
 * @param opensAt the opening to all
 * @param closesAt when the drop closes (or closed early)
 * @param soldOutAt when every unit was first held or sold, or {@code null}
 * @param secondsToSellOut seconds from {@code salesStartAt} to {@code soldOutAt}, or
 * {@code null}
 * @param units all units released
 * @param unitsSold units paid for
 * @param unitsHeld units held, not paid yet
 * @param fansServed distinct fans with a paid order
 * @param items per item: units and channels
 * @param channels per channel over all items
 * @param fulfilment per way of fulfilment and hub
 * @param refusals refused attempts by reason, most frequent first
 * @param refusedAttempts refused attempts in all
 * @param draw the draw's published inputs and outcome, or {@code null} for a drop that is
 * not shared out by draw
 */
public record TransparencyReport(String slug, String title, String community, String timeZone, AccessMode accessMode,
		DropState state, boolean published, boolean provisional, Instant generatedAt, Instant salesStartAt,
		Instant opensAt, Instant closesAt, Instant soldOutAt, Long secondsToSellOut, int units, int unitsSold,
		int unitsHeld, int fansServed, List<Item> items, List<ChannelUnits> channels, List<FulfilmentUnits> fulfilment,
		List<Refusals> refusals, long refusedAttempts, PublishedDraw draw) {

	/**
	 * One item of the drop.
	 *
	 * @param sku the SKU's slug
	 * @param name the SKU's name
	 * @param units units released
	 * @param sold units paid for
	 * @param held units held, not paid yet
	 * @param unsold units neither sold nor held
	 * @param channels the units per channel, only channels with any
	 */
	public record Item(String sku, String name, int units, int sold, int held, int unsold,
			List<ChannelUnits> channels) {
	}

	/**
	 * Units that came through one channel.
	 *
	 * @param channel the channel, or {@code null} for holds taken before channels were
	 * recorded
	 * @param sold units paid for
	 * @param held units held, not paid yet
	 */
	public record ChannelUnits(Channel channel, int sold, int held) {
	}

	/**
	 * Paid orders fulfilled one way, from one hub.
	 *
	 * @param method pickup, local delivery or shipping
	 * @param hub the hub's slug, or {@code null}
	 * @param orders how many orders
	 * @param units how many units
	 */
	public record FulfilmentUnits(Fulfilment.Method method, String hub, int orders, int units) {
	}

	/**
	 * Attempts refused for one reason.
	 *
	 * @param reason the reason's code, e.g. {@code over-limit}
	 * @param attempts how many
	 */
	public record Refusals(String reason, long attempts) {
	}

}

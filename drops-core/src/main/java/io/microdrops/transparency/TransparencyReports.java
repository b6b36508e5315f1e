package io.microdrops.transparency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.microdrops.checkout.Channel;
import io.microdrops.checkout.DropSales;
import io.microdrops.checkout.RefusalReason;
import io.microdrops.checkout.RefusedAttempts;
import io.microdrops.draw.DrawManagement;
import io.microdrops.draw.PublishedDraw;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a drop's {@link TransparencyReport} from the drop, checkout and draw modules. The
 * whole report is read in one repeatable-read transaction: one snapshot of the database,
 * so its figures add up even while fans are paying for the last held units.
 */
@Service
public class TransparencyReports {

	private final DropManagement drops;

	private final DropSales sales;

	private final RefusedAttempts refused;

	private final DrawManagement draws;

	private final Clock clock;

	TransparencyReports(DropManagement drops, DropSales sales, RefusedAttempts refused, DrawManagement draws,
			Clock clock) {
		this.drops = drops;
		this.sales = sales;
		this.refused = refused;
		this.draws = draws;
		this.clock = clock;
	}

	/**
	 * Returns how a drop went: figures once it has sold out or closed, its timeline (and
	 * a draw's commitment) before.
	 * @param slug the drop
	 * @return the report
	 * @throws DropNotFoundException when fans cannot see the drop
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public TransparencyReport report(String slug) {
		Instant now = this.clock.instant();
		DropView view = this.drops.publicView(slug).orElseThrow(() -> new DropNotFoundException(slug));
		Drop drop = view.drop();
		DropState state = view.state();
		boolean published = state == DropState.SOLD_OUT || state == DropState.CLOSED;
		Instant salesStart = (drop.timeline().earlyAccessAt() != null) ? drop.timeline().earlyAccessAt()
				: drop.timeline().opensAt();
		Instant closes = (drop.closedEarlyAt() != null) ? drop.closedEarlyAt() : drop.timeline().closesAt();
		PublishedDraw draw = (drop.accessMode() == AccessMode.DRAW) ? this.draws.published(slug) : null;
		int units = view.items().stream().mapToInt(item -> item.item().quantity()).sum();
		if (!published) {
			return new TransparencyReport(slug, drop.title(), view.communityName(), view.timeZone().getId(),
					drop.accessMode(), state, false, false, now, salesStart, drop.timeline().opensAt(), closes, null,
					null, units, 0, 0, 0, List.of(), List.of(), List.of(), List.of(), 0, draw);
		}
		DropSales.Figures figures = this.sales.of(drop.id());
		List<TransparencyReport.Item> items = new ArrayList<>();
		Map<Channel, int[]> totals = new EnumMap<>(Channel.class);
		int[] unrecorded = new int[2];
		int sold = 0;
		int held = 0;
		for (DropView.Item item : view.items()) {
			List<TransparencyReport.ChannelUnits> channels = new ArrayList<>();
			int itemSold = 0;
			int itemHeld = 0;
			for (DropSales.ItemChannel line : figures.channels()) {
				if (!line.dropItem().equals(item.item().id())) {
					continue;
				}
				channels.add(new TransparencyReport.ChannelUnits(line.channel(), line.sold(), line.held()));
				itemSold += line.sold();
				itemHeld += line.held();
				int[] total = (line.channel() != null) ? totals.computeIfAbsent(line.channel(), c -> new int[2])
						: unrecorded;
				total[0] += line.sold();
				total[1] += line.held();
			}
			channels.sort((a, b) -> Integer.compare(order(a.channel()), order(b.channel())));
			items.add(new TransparencyReport.Item(item.sku().slug(), item.sku().name(), item.item().quantity(),
					itemSold, itemHeld, item.item().quantity() - itemSold - itemHeld, channels));
			sold += itemSold;
			held += itemHeld;
		}
		List<TransparencyReport.ChannelUnits> channels = new ArrayList<>();
		totals.forEach(
				(channel, total) -> channels.add(new TransparencyReport.ChannelUnits(channel, total[0], total[1])));
		if (unrecorded[0] + unrecorded[1] > 0) {
			channels.add(new TransparencyReport.ChannelUnits(null, unrecorded[0], unrecorded[1]));
		}
		List<TransparencyReport.FulfilmentUnits> fulfilment = figures.fulfilment()
			.stream()
			.map(line -> new TransparencyReport.FulfilmentUnits(line.method(), line.hub(), line.orders(), line.units()))
			.toList();
		Map<RefusalReason, Long> byReason = this.refused.byReason(drop.id());
		List<TransparencyReport.Refusals> refusals = byReason.entrySet()
			.stream()
			.map(entry -> new TransparencyReport.Refusals(entry.getKey().code(), entry.getValue()))
			.toList();
		long refusedAttempts = byReason.values().stream().mapToLong(Long::longValue).sum();
		Instant soldOutAt = figures.soldOutAt();
		Long secondsToSellOut = (soldOutAt != null) ? Math.max(0, Duration.between(salesStart, soldOutAt).toSeconds())
				: null;
		return new TransparencyReport(slug, drop.title(), view.communityName(), view.timeZone().getId(),
				drop.accessMode(), state, true, state != DropState.CLOSED, now, salesStart, drop.timeline().opensAt(),
				closes, soldOutAt, secondsToSellOut, units, sold, held, figures.fansServed(), items, channels,
				fulfilment, refusals, refusedAttempts, draw);
	}

	/** Channels in their declared order; holds without a recorded channel last. */
	private static int order(Channel channel) {
		return Objects.isNull(channel) ? Integer.MAX_VALUE : channel.ordinal();
	}

}

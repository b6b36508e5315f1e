package io.microdrops.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.microdrops.catalog.Story;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;
import io.microdrops.drop.PreorderOutcome;
import io.microdrops.drop.Timeline;

/**
 * What the drop page shows about time and access, worked out from the server's clock: the
 * timeline's moments, the next one with the seconds left until it, and the access rules
 * with their times in the community's zone.
 *
 * @param moments the timeline, first to last
 * @param next the next moment, or {@code null} when the drop is over
 * @param secondsLeft seconds from now until the next moment
 * @param rulesKey the message stating the access rules
 * @param rulesArguments its arguments
 * @param closesText when sales close, formatted
 * @param zone the community's zone id
 */
// Public, as are its methods, so the page's expressions may call them.
public record DropPage(List<Moment> moments, Moment next, long secondsLeft, String rulesKey, Object[] rulesArguments,
		String closesText, String zone) {

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm",
			Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	static DropPage of(DropView view, Instant now) {
		Drop drop = view.drop();
		Timeline timeline = drop.timeline();
		ZoneId zone = view.timeZone();
		Instant closes = drop.salesCloseAt();
		List<Moment> moments = new ArrayList<>();
		moments.add(new Moment("ANNOUNCE", timeline.announceAt(), format(timeline.announceAt(), zone),
				!now.isBefore(timeline.announceAt())));
		if (timeline.earlyAccessAt() != null) {
			moments.add(new Moment("EARLY_ACCESS", timeline.earlyAccessAt(), format(timeline.earlyAccessAt(), zone),
					!now.isBefore(timeline.earlyAccessAt())));
		}
		moments.add(new Moment("OPEN", timeline.opensAt(), format(timeline.opensAt(), zone),
				!now.isBefore(timeline.opensAt())));
		moments.add(new Moment("CLOSE", closes, format(closes, zone), !now.isBefore(closes)));
		if (drop.preorderThreshold() != null) {
			// Pre-orders close no later than the first sales: the moment goes before
			// them.
			Instant deadline = drop.preorderDeadline();
			int at = (int) moments.stream().filter(moment -> moment.at().isBefore(deadline)).count();
			moments.add(at, new Moment("PREORDER_DEADLINE", deadline, format(deadline, zone), !now.isBefore(deadline)));
		}
		Moment next = (view.state() == DropState.CLOSED) ? null
				: moments.stream().filter(moment -> !moment.passed()).findFirst().orElse(null);
		long secondsLeft = (next != null) ? Math.max(0, Duration.between(now, next.at()).toSeconds()) : 0;
		String opens = format(timeline.opensAt(), zone);
		String rulesKey;
		Object[] arguments;
		if (drop.preorderOutcome() == PreorderOutcome.VOIDED) {
			rulesKey = "drop.page.access.preorders-missed";
			arguments = new Object[0];
		}
		else if (drop.accessMode() == AccessMode.FIRST_COME && timeline.earlyAccessAt() != null) {
			rulesKey = "drop.page.access.FIRST_COME.early";
			boolean sameDay = timeline.earlyAccessAt()
				.atZone(zone)
				.toLocalDate()
				.equals(timeline.opensAt().atZone(zone).toLocalDate());
			arguments = new Object[] { format(timeline.earlyAccessAt(), zone),
					sameDay ? TIME.format(timeline.opensAt().atZone(zone)) : opens, zone.getId() };
		}
		else if (drop.accessMode() == AccessMode.WAITLIST_ONLY) {
			rulesKey = "drop.page.access.WAITLIST_ONLY";
			Instant members = (timeline.earlyAccessAt() != null) ? timeline.earlyAccessAt() : timeline.opensAt();
			arguments = new Object[] { format(members, zone), zone.getId() };
		}
		else {
			// "Everyone" is not true of a drop with account rules: they are listed below.
			rulesKey = "drop.page.access." + drop.accessMode().name()
					+ ((drop.accessMode() == AccessMode.FIRST_COME && drop.fairness().hasAccountRequirements())
							? ".rules" : "")
					// With a waiting room, fans are let in by the queue, not first come.
					+ ((drop.accessMode() == AccessMode.FIRST_COME && drop.hasWaitingRoom()) ? ".queue" : "");
			arguments = new Object[] { opens, zone.getId() };
		}
		return new DropPage(moments, next, secondsLeft, rulesKey, arguments, format(closes, zone), zone.getId());
	}

	static String format(Instant instant, ZoneId zone) {
		return DAY_AND_TIME.format(ZonedDateTime.ofInstant(instant, zone));
	}

	/**
	 * Tells whether the page should keep asking for fresh stock.
	 * @param view the drop now
	 * @return {@code false} once it is over
	 */
	static boolean refreshes(DropView view) {
		return view.state() != DropState.CLOSED;
	}

	/**
	 * Sums up what the stock region shows, so a refresh that would change nothing sends
	 * nothing.
	 * @param view the drop now
	 * @return the state and each item's remaining units
	 */
	static String stockSignature(DropView view) {
		return view.state().name() + "-"
				+ view.items().stream().map(item -> String.valueOf(item.remaining())).collect(Collectors.joining("-"));
	}

	/**
	 * Whole days left, for the countdown.
	 * @return days
	 */
	public long daysLeft() {
		return this.secondsLeft / 86_400;
	}

	/**
	 * Hours, minutes and seconds left beyond the whole days, as {@code 03:04:05}.
	 * @return the clock text
	 */
	public String clockLeft() {
		long rest = this.secondsLeft % 86_400;
		return "%02d:%02d:%02d".formatted(rest / 3600, (rest % 3600) / 60, rest % 60);
	}

	/**
	 * One moment on the timeline.
	 *
	 * @param kind ANNOUNCE, PREORDER_DEADLINE, EARLY_ACCESS, OPEN or CLOSE
	 * @param at when
	 * @param text when, formatted in the community's zone
	 * @param passed whether it has passed
	 */
	public record Moment(String kind, Instant at, String text, boolean passed) {
	}

	/**
	 * One item of the drop with its SKU's story.
	 *
	 * @param item the item with its SKU and remaining stock
	 * @param story the SKU's story
	 */
	public record ItemStory(DropView.Item item, Story story) {
	}

}

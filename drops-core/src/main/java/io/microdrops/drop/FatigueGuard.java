package io.microdrops.drop;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fatigue guard: a community is not drained by drops that come too close together or
 * too often. Two rules, set per community: a minimum gap in days between two drops'
 * openings, and a maximum number of openings in any 30 days.
 */
public final class FatigueGuard {

	private static final Duration WINDOW = Duration.ofDays(30);

	private FatigueGuard() {
	}

	/**
	 * Checks a drop's opening against the community's other scheduled openings.
	 * @param minGapDays the community's minimum gap
	 * @param maxPer30Days the community's maximum per 30 days
	 * @param opensAt when the drop checked opens
	 * @param others the community's other scheduled drops
	 * @param zone the community's time zone, in whose days the gap is counted
	 * @return the broken rules; empty when the drop is fine
	 */
	public static List<Warning> check(int minGapDays, int maxPer30Days, Instant opensAt, List<Opening> others,
			ZoneId zone) {
		List<Warning> warnings = new ArrayList<>();
		for (Opening other : others) {
			if (tooClose(other.opensAt(), opensAt, minGapDays, zone)) {
				warnings.add(new Warning("drop.fatigue.gap", other.slug(), other.title(), minGapDays));
			}
		}
		List<Instant> all = Stream.concat(others.stream().map(Opening::opensAt), Stream.of(opensAt)).sorted().toList();
		for (Instant start : all) {
			Instant end = start.plus(WINDOW);
			if (start.isAfter(opensAt) || !opensAt.isBefore(end)) {
				continue;
			}
			long inWindow = all.stream().filter(at -> !at.isBefore(start) && at.isBefore(end)).count();
			if (inWindow > maxPer30Days) {
				warnings.add(new Warning("drop.fatigue.too-many", null, null, maxPer30Days));
				break;
			}
		}
		return warnings;
	}

	/**
	 * Tells whether two openings are closer than the community's minimum gap, counted in
	 * days of the community's calendar: a week from Thursday 18:00 is the next Thursday
	 * 18:00, also across a clock change (6 days 23 hours in spring).
	 * @param one an opening
	 * @param other another
	 * @param minGapDays the community's minimum gap
	 * @param zone the community's time zone
	 * @return whether they are too close
	 */
	public static boolean tooClose(Instant one, Instant other, int minGapDays, ZoneId zone) {
		Instant earlier = one.isBefore(other) ? one : other;
		Instant later = one.isBefore(other) ? other : one;
		return earlier.atZone(zone).plusDays(minGapDays).toInstant().isAfter(later);
	}

	/**
	 * Another drop's opening.
	 *
	 * @param slug the drop's slug
	 * @param title its title
	 * @param opensAt when it opens
	 */
	public record Opening(String slug, String title, Instant opensAt) {
	}

	/**
	 * A broken fatigue rule.
	 *
	 * @param messageKey the message
	 * @param otherSlug the drop too close, for the gap rule
	 * @param otherTitle its title
	 * @param limit the community's limit that was broken
	 */
	public record Warning(String messageKey, String otherSlug, String otherTitle, int limit) {
	}

}

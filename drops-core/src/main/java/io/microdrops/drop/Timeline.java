package io.microdrops.drop;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A drop's moments: announced, optionally early access for waitlist members, open,
 * closed. Valid when announce ≤ early access ≤ open &lt; close.
 *
 * @param announceAt when fans can first see the drop
 * @param earlyAccessAt when waitlist members may start buying, or {@code null}
 * @param opensAt when everyone allowed may buy
 * @param closesAt when buying ends
 */
public record Timeline(Instant announceAt, Instant earlyAccessAt, Instant opensAt, Instant closesAt) {

	/**
	 * Creates a timeline; its moments are kept to the second, the precision people plan
	 * in.
	 * @param announceAt when fans can first see the drop
	 * @param earlyAccessAt when waitlist members may start buying, or {@code null}
	 * @param opensAt when everyone allowed may buy
	 * @param closesAt when buying ends
	 */
	public Timeline {
		announceAt = toSecond(announceAt);
		earlyAccessAt = toSecond(earlyAccessAt);
		opensAt = toSecond(opensAt);
		closesAt = toSecond(closesAt);
	}

	private static Instant toSecond(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS) : null;
	}

	/**
	 * Lists what is wrong with the timeline, as message keys with the field they concern.
	 * @return the problems; empty when valid
	 */
	public List<Problem> problems() {
		List<Problem> problems = new ArrayList<>();
		if (this.announceAt == null) {
			problems.add(new Problem("announceAt", "drop.timeline.announce-required"));
		}
		if (this.opensAt == null) {
			problems.add(new Problem("opensAt", "drop.timeline.opens-required"));
		}
		if (this.closesAt == null) {
			problems.add(new Problem("closesAt", "drop.timeline.closes-required"));
		}
		if (!problems.isEmpty()) {
			return problems;
		}
		if (this.announceAt.isAfter(this.opensAt)) {
			problems.add(new Problem("announceAt", "drop.timeline.announce-after-open"));
		}
		if (this.earlyAccessAt != null && this.earlyAccessAt.isBefore(this.announceAt)) {
			problems.add(new Problem("earlyAccessAt", "drop.timeline.early-before-announce"));
		}
		if (this.earlyAccessAt != null && this.earlyAccessAt.isAfter(this.opensAt)) {
			problems.add(new Problem("earlyAccessAt", "drop.timeline.early-after-open"));
		}
		if (!this.closesAt.isAfter(this.opensAt)) {
			problems.add(new Problem("closesAt", "drop.timeline.close-before-open"));
		}
		return problems;
	}

	/**
	 * Tells where on the timeline a moment falls, for a drop that is scheduled.
	 * @param now the moment
	 * @return SCHEDULED, ANNOUNCED, EARLY_ACCESS, LIVE or CLOSED
	 */
	public DropState stateAt(Instant now) {
		if (now.isBefore(this.announceAt)) {
			return DropState.SCHEDULED;
		}
		if (!now.isBefore(this.closesAt)) {
			return DropState.CLOSED;
		}
		if (!now.isBefore(this.opensAt)) {
			return DropState.LIVE;
		}
		if (this.earlyAccessAt != null && !now.isBefore(this.earlyAccessAt)) {
			return DropState.EARLY_ACCESS;
		}
		return DropState.ANNOUNCED;
	}

	/**
	 * A broken timeline rule.
	 *
	 * @param field the field it concerns
	 * @param messageKey the message explaining it
	 */
	public record Problem(String field, String messageKey) {
	}

}

package io.microdrops.waitlist;

import java.time.Instant;
import java.util.List;

import io.microdrops.account.AccountId;

/**
 * A drop's waitlist for merchandisers: how deep it is, the first entries, and whether the
 * invitation went out.
 *
 * @param depth how many fans are on it
 * @param first the first entries by position
 * @param invitedAt when the early-access invitation was published, or {@code null}
 * @param invitees how many fans it invited, or {@code null} before it went out
 */
public record WaitlistOverview(long depth, List<Entry> first, Instant invitedAt, Integer invitees) {

	/**
	 * Creates the overview.
	 * @param depth how many fans are on it
	 * @param first the first entries by position
	 * @param invitedAt when the invitation was published, or {@code null}
	 * @param invitees how many fans it invited, or {@code null}
	 */
	public WaitlistOverview {
		first = List.copyOf(first);
	}

	/**
	 * One entry.
	 *
	 * @param position the position, from 1
	 * @param accountId the fan
	 * @param joinedAt when they joined
	 */
	public record Entry(int position, AccountId accountId, Instant joinedAt) {
	}

}

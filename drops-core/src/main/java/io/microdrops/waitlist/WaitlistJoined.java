package io.microdrops.waitlist;

import io.microdrops.account.AccountId;
import io.microdrops.drop.DropId;

/**
 * A fan joined a drop's waitlist. Published once per entry, not when a fan who is on the
 * list already asks again. The fan's e-mail address may be unconfirmed: whoever writes to
 * them decides whether to.
 *
 * @param dropId the drop
 * @param dropSlug the drop's slug
 * @param accountId the fan
 * @param position the fan's position when they joined, from 1
 */
public record WaitlistJoined(DropId dropId, String dropSlug, AccountId accountId, int position) {
}

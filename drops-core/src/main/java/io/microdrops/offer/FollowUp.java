package io.microdrops.offer;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;

/**
 * A follow-up that is to go to a fan now, with everything its mail shows.
 *
 * @param id the follow-up's id
 * @param fan the fan
 * @param dropSlug the drop the fan bought from
 * @param dropTitle its title
 * @param communityName its community's name
 * @param communitySlug its community's slug
 * @param zone the community's time zone, for the times the mail shows
 * @param thankYouNote the merchandiser's note, plain text
 * @param addOns the add-on SKUs offered
 * @param code the early-access code, or {@code null} when the offer has none
 */
public record FollowUp(UUID id, AccountId fan, String dropSlug, String dropTitle, String communityName,
		String communitySlug, ZoneId zone, String thankYouNote, List<AddOn> addOns, IssuedCode code) {

	/**
	 * An add-on SKU.
	 *
	 * @param slug the SKU's slug
	 * @param name its name
	 * @param dropSlug the drop that sells it to the buyers only, or {@code null} when
	 * none does (yet)
	 */
	public record AddOn(String slug, String name, String dropSlug) {
	}

	/**
	 * An early-access code as issued.
	 *
	 * @param code the code
	 * @param earlyHours how many hours before everyone it opens the next drop
	 * @param expiresAt when it runs out
	 */
	public record IssuedCode(String code, int earlyHours, Instant expiresAt) {
	}

}

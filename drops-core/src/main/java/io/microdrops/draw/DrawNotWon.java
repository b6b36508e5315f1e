package io.microdrops.draw;

import io.microdrops.account.AccountId;

/**
 * A fan entered the draw and was not among the winners; a unit may still pass to them if
 * winners before them do not buy.
 *
 * @param dropSlug the drop
 * @param fan the fan
 * @param place the fan's place in the draw's order
 * @param entrants how many fans entered
 */
public record DrawNotWon(String dropSlug, AccountId fan, int place, int entrants) {
}

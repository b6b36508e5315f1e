package io.microdrops.storefront;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.microdrops.drop.Drop;
import io.microdrops.drop.FairnessRules;

/**
 * A drop's fairness rules in words for its page, so fans know them before they try: one
 * message key with its arguments per rule.
 */
final class FairnessNotes {

	private FairnessNotes() {
	}

	/**
	 * Puts a drop's rules in words.
	 * @param drop the drop
	 * @param zone its community's time zone
	 * @param buyersOf the drop whose buyers alone may reserve, or {@code null}
	 * @return one note per rule
	 */
	static List<Note> of(Drop drop, ZoneId zone, Drop buyersOf) {
		FairnessRules rules = drop.fairness();
		List<Note> notes = new ArrayList<>();
		if (rules.capAcrossCards() && rules.capAcrossAddresses()) {
			notes.add(new Note("fairness.rule.cap.both"));
		}
		else if (rules.capAcrossCards()) {
			notes.add(new Note("fairness.rule.cap.cards"));
		}
		else if (rules.capAcrossAddresses()) {
			notes.add(new Note("fairness.rule.cap.addresses"));
		}
		if (rules.confirmedEmail()) {
			notes.add(new Note("fairness.rule.confirmed-email"));
		}
		if (rules.createdBeforeAnnouncement()) {
			notes.add(new Note("fairness.rule.created-before-announcement",
					DropPage.format(drop.timeline().announceAt(), zone), zone.getId()));
		}
		else if (rules.createdBefore() != null) {
			notes.add(new Note("fairness.rule.created-before", DropPage.format(rules.createdBefore(), zone),
					zone.getId()));
		}
		if (rules.minAccountAgeDays() != null) {
			notes.add(new Note("fairness.rule.min-age", rules.minAccountAgeDays()));
		}
		if (buyersOf != null) {
			notes.add(new Note("fairness.rule.buyers-of", buyersOf.title()));
		}
		return notes;
	}

	/**
	 * One rule in words.
	 *
	 * @param key the message key
	 * @param arguments its arguments
	 */
	record Note(String key, Object... arguments) {
	}

}

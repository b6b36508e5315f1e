package io.microdrops.cadence;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.microdrops.drop.AccessMode;

/**
 * What every drop of a cadence looks like: its title, items, access mode and timeline
 * relative to the opening.
 *
 * @param titlePattern the title, where {@code {date}} becomes the opening's local date
 * (e.g. "10 December 2026") and {@code {n}} the occurrence's number
 * @param items the SKUs released, at least one
 * @param accessMode who may buy and how
 * @param announceLeadHours hours between the announcement and the opening, 0–720
 * @param earlyAccessLeadHours hours of early access for waitlist members before the
 * opening, at most the announce lead, or {@code null} for none
 * @param openHours how long the drop stays open, 1–336 hours
 * @param holdMinutes how long a reservation holds units, 1–60
 */
public record DropTemplate(String titlePattern, List<Item> items, AccessMode accessMode, int announceLeadHours,
		Integer earlyAccessLeadHours, int openHours, int holdMinutes) {

	/** The longest title pattern accepted. */
	public static final int MAX_TITLE_LENGTH = 120;

	/** The longest announce lead accepted: 30 days. */
	public static final int MAX_ANNOUNCE_LEAD_HOURS = 720;

	/** The longest open window accepted: 14 days. */
	public static final int MAX_OPEN_HOURS = 336;

	/** The longest title a drop takes. */
	private static final int MAX_DROP_TITLE_LENGTH = 160;

	/** A date whose {@code {date}} is as long as any. */
	private static final LocalDate LONGEST_DATE = LocalDate.of(2000, 9, 30);

	private static final DateTimeFormatter TITLE_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	/**
	 * Creates a template; the item list is copied.
	 * @param titlePattern the title pattern
	 * @param items the items
	 * @param accessMode the access mode
	 * @param announceLeadHours the announce lead
	 * @param earlyAccessLeadHours the early-access lead, or {@code null}
	 * @param openHours the open window
	 * @param holdMinutes the hold time
	 */
	public DropTemplate {
		items = (items != null) ? List.copyOf(items) : List.of();
	}

	/**
	 * Lists what is wrong with the template, SKUs aside (the catalogue knows those).
	 * @return the problems; empty when valid
	 */
	public List<Problem> problems() {
		List<Problem> problems = new ArrayList<>();
		if (this.titlePattern == null || this.titlePattern.isBlank()) {
			problems.add(new Problem("titlePattern", "cadence.title.required"));
		}
		else if (this.titlePattern.strip().length() > MAX_TITLE_LENGTH
				|| title(LONGEST_DATE, 99_999).length() > MAX_DROP_TITLE_LENGTH) {
			problems.add(new Problem("titlePattern", "cadence.title.too-long", MAX_TITLE_LENGTH));
		}
		else if (!this.titlePattern.contains("{date}") && !this.titlePattern.contains("{n}")) {
			// Each drop of the cadence gets its own title.
			problems.add(new Problem("titlePattern", "cadence.title.placeholder"));
		}
		if (this.accessMode == null) {
			problems.add(new Problem("accessMode", "cadence.access-mode.required"));
		}
		if (this.announceLeadHours < 0 || this.announceLeadHours > MAX_ANNOUNCE_LEAD_HOURS) {
			problems.add(new Problem("announceLeadHours", "cadence.announce-lead.range", 0, MAX_ANNOUNCE_LEAD_HOURS));
		}
		if (this.earlyAccessLeadHours != null && this.earlyAccessLeadHours < 0) {
			problems.add(new Problem("earlyAccessLeadHours", "cadence.early-access-lead.negative"));
		}
		else if (this.earlyAccessLeadHours != null && this.earlyAccessLeadHours > this.announceLeadHours) {
			problems.add(new Problem("earlyAccessLeadHours", "cadence.early-access-lead.after-announce"));
		}
		if (this.openHours < 1 || this.openHours > MAX_OPEN_HOURS) {
			problems.add(new Problem("openHours", "cadence.open-hours.range", 1, MAX_OPEN_HOURS));
		}
		if (this.holdMinutes < 1 || this.holdMinutes > 60) {
			problems.add(new Problem("holdMinutes", "cadence.hold-minutes.range", 1, 60));
		}
		if (this.items.isEmpty()) {
			problems.add(new Problem("items", "cadence.items.required"));
		}
		Set<String> seen = new HashSet<>();
		for (int index = 0; index < this.items.size(); index++) {
			Item item = this.items.get(index);
			String prefix = "items[" + index + "].";
			if (item.sku() == null || item.sku().isBlank()) {
				problems.add(new Problem(prefix + "sku", "cadence.item.sku-required"));
			}
			else if (!seen.add(item.sku())) {
				problems.add(new Problem(prefix + "sku", "cadence.item.sku-twice"));
			}
			if (item.quantity() < 1) {
				problems.add(new Problem(prefix + "quantity", "cadence.item.quantity-range"));
			}
			if (item.perFanLimit() < 1) {
				problems.add(new Problem(prefix + "perFanLimit", "cadence.item.limit-range"));
			}
			else if (item.quantity() >= 1 && item.perFanLimit() > item.quantity()) {
				problems.add(new Problem(prefix + "perFanLimit", "cadence.item.limit-over-quantity"));
			}
		}
		return problems;
	}

	/**
	 * Writes the title of one occurrence's drop.
	 * @param date the opening's local date
	 * @param number the occurrence's number
	 * @return the title
	 */
	public String title(LocalDate date, int number) {
		return title(this.titlePattern, date, number);
	}

	static String title(String pattern, LocalDate date, int number) {
		return pattern.strip().replace("{date}", TITLE_DATE.format(date)).replace("{n}", Integer.toString(number));
	}

	/**
	 * One SKU in every drop of a cadence.
	 *
	 * @param sku the SKU's slug
	 * @param quantity units released per drop, at least 1
	 * @param perFanLimit units one fan may have, 1 to the quantity
	 */
	public record Item(String sku, int quantity, int perFanLimit) {
	}

}

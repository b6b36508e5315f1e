package io.microdrops.admin.drop;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.DropView;
import io.microdrops.drop.WaitingRoomSettings;
import io.microdrops.shared.Slug;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The drop form as typed. Times are local times in the community's time zone, as a
 * merchandiser thinks of them; they become instants when the form is saved.
 */
record DropForm(
		@NotBlank(message = "{form.required}") @Pattern(regexp = Slug.PATTERN, message = "{slug.invalid}") @Size(
				min = 2, max = Slug.MAX_LENGTH, message = "{slug.invalid}") String slug,
		@NotBlank(message = "{form.required}") @Size(max = 160, message = "{form.too-long}") String title,
		@NotBlank(message = "{form.required}") String community,
		@NotNull(message = "{form.required}") AccessMode accessMode,
		@NotNull(message = "{form.required}") @DateTimeFormat(
				iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime announceAt,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime earlyAccessAt,
		@NotNull(message = "{form.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime opensAt,
		@NotNull(message = "{form.required}") @DateTimeFormat(
				iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime closesAt,
		@NotNull(message = "{form.required}") @Min(value = 1, message = "{drop.refused.hold-minutes}") @Max(value = 60,
				message = "{drop.refused.hold-minutes}") Integer holdMinutes,
		@Min(value = 1, message = "{drop.refused.preorder-threshold}") Integer preorderThreshold,
		@Valid List<ItemRow> items, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime preorderDeadline,
		Boolean waitingRoom,
		@Min(value = 1, message = "{drop.refused.admission-rate}") @Max(value = WaitingRoomSettings.MAX_FANS_PER_MINUTE,
				message = "{drop.refused.admission-rate}") Integer admissionsPerMinute) {

	/** Item rows the form offers. */
	static final int ROWS = 4;

	static DropForm empty(String community) {
		LocalDateTime opens = LocalDateTime.now().plusWeeks(2).withHour(18).truncatedTo(ChronoUnit.HOURS);
		return new DropForm("", "", community, AccessMode.FIRST_COME, opens.minusWeeks(1), null, opens,
				opens.plusDays(2), DropPlan.DEFAULT_HOLD_MINUTES, null, padded(List.of()), null, false, null);
	}

	static DropForm of(DropView view) {
		ZoneId zone = view.timeZone();
		var drop = view.drop();
		var timeline = drop.timeline();
		List<ItemRow> rows = view.items()
			.stream()
			.map(item -> new ItemRow(item.sku().slug(), item.item().quantity(), item.item().perFanLimit()))
			.toList();
		return new DropForm(drop.slug(), drop.title(), view.communitySlug(), drop.accessMode(),
				local(timeline.announceAt(), zone), local(timeline.earlyAccessAt(), zone),
				local(timeline.opensAt(), zone), local(timeline.closesAt(), zone), drop.holdMinutes(),
				drop.preorderThreshold(), padded(rows), local(drop.plannedPreorderDeadline(), zone),
				drop.hasWaitingRoom(), drop.waitingRoom().fansPerMinute());
	}

	/**
	 * Returns the waiting room as the form sets it.
	 * @return the settings
	 */
	WaitingRoomSettings waitingRoomSettings() {
		return Boolean.TRUE.equals(this.waitingRoom) ? new WaitingRoomSettings(true, this.admissionsPerMinute)
				: WaitingRoomSettings.OFF;
	}

	/**
	 * Returns the rows a merchandiser filled in, ignoring blank ones.
	 * @return the items
	 */
	List<ItemRow> filledItems() {
		return (this.items != null) ? this.items.stream().filter(ItemRow::isFilled).toList() : List.of();
	}

	static List<ItemRow> padded(List<ItemRow> rows) {
		List<ItemRow> padded = new ArrayList<>(rows);
		while (padded.size() < ROWS) {
			padded.add(new ItemRow("", null, null));
		}
		return padded;
	}

	static Instant instant(LocalDateTime local, ZoneId zone) {
		// A time that does not exist (clocks going forward) moves to the first valid
		// instant after it; an ambiguous one (clocks going back) takes the earlier
		// offset.
		return (local != null) ? local.atZone(zone).toInstant() : null;
	}

	private static LocalDateTime local(Instant instant, ZoneId zone) {
		return (instant != null) ? LocalDateTime.ofInstant(instant, zone) : null;
	}

	/**
	 * One item row.
	 *
	 * @param sku the SKU's slug, blank for an unused row
	 * @param quantity units released
	 * @param perFanLimit units per fan
	 */
	record ItemRow(String sku,
			@Min(value = 1, message = "{drop.refused.item-numbers}") @Max(value = 1_000_000,
					message = "{form.too-long}") Integer quantity,
			@Min(value = 1, message = "{drop.refused.item-numbers}") @Max(value = 1_000_000,
					message = "{form.too-long}") Integer perFanLimit) {

		boolean isFilled() {
			return this.sku != null && !this.sku.isBlank();
		}

	}

}

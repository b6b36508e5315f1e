package io.microdrops.ops.hubs;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.HubDetails;
import io.microdrops.fulfilment.OpeningWindow;
import io.microdrops.shared.Slug;
import io.microdrops.shared.Texts;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.validation.BindingResult;

/**
 * The hub form as typed: numbers and times as text, opening hours as one
 * {@code 10:00-18:00} per weekday (empty: closed).
 */
record HubForm(
		@NotBlank(message = "{form.required}") @Size(max = Slug.MAX_LENGTH,
				message = "{form.too-long}") @jakarta.validation.constraints.Pattern(regexp = Slug.PATTERN,
						message = "{slug.invalid}") String slug,
		@NotBlank(message = "{form.required}") @Size(max = 120, message = "{form.too-long}") String name,
		@NotBlank(message = "{form.required}") @Size(max = 500, message = "{form.too-long}") String address,
		@NotBlank(message = "{form.required}") String timeZone, String latitude, String longitude,
		String pickupCapacityPerDay, String slotMinutes,
		@Size(max = 1000, message = "{form.too-long}") String deliveryPostcodes, String deliveryRadiusKm,
		String sameDayCutoff, Boolean active, String monday, String tuesday, String wednesday, String thursday,
		String friday, String saturday, String sunday) {

	private static final Pattern WINDOW = Pattern.compile("^\\s*(\\d{1,2}:\\d{2})\\s*[-–]\\s*(\\d{1,2}:\\d{2})\\s*$");

	static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
			"sunday");

	static HubForm empty() {
		return new HubForm("", "", "", "Europe/London", "", "", "40", "60", "", "", "14:00", true, "10:00-18:00",
				"10:00-18:00", "10:00-18:00", "10:00-18:00", "10:00-18:00", "10:00-16:00", "");
	}

	static HubForm of(Hub hub) {
		String[] days = new String[7];
		for (DayOfWeek day : DayOfWeek.values()) {
			OpeningWindow window = hub.openingHours().get(day);
			days[day.getValue() - 1] = (window != null) ? window.opens() + "-" + window.closes() : "";
		}
		return new HubForm(hub.slug(), hub.name(), hub.address(), hub.timeZone().getId(),
				(hub.location() != null) ? String.valueOf(hub.location().latitude()) : "",
				(hub.location() != null) ? String.valueOf(hub.location().longitude()) : "",
				String.valueOf(hub.pickupCapacityPerDay()), String.valueOf(hub.slotMinutes()),
				hub.deliveryArea().prefixesText(),
				(hub.deliveryArea().radiusKm() != null) ? String.valueOf(hub.deliveryArea().radiusKm()) : "",
				hub.sameDayCutoff().toString(), hub.active(), days[0], days[1], days[2], days[3], days[4], days[5],
				days[6]);
	}

	String day(int index) {
		return switch (index) {
			case 0 -> this.monday;
			case 1 -> this.tuesday;
			case 2 -> this.wednesday;
			case 3 -> this.thursday;
			case 4 -> this.friday;
			case 5 -> this.saturday;
			default -> this.sunday;
		};
	}

	/**
	 * Reads the form into hub details, rejecting fields that cannot be read.
	 * @param result where to note the unreadable fields
	 * @return the details, meaningful only when {@code result} has no errors
	 */
	HubDetails details(BindingResult result) {
		Double lat = decimal("latitude", this.latitude, result);
		Double lon = decimal("longitude", this.longitude, result);
		Integer capacity = whole("pickupCapacityPerDay", this.pickupCapacityPerDay, result);
		Integer slot = whole("slotMinutes", this.slotMinutes, result);
		Double radius = decimal("deliveryRadiusKm", this.deliveryRadiusKm, result);
		LocalTime cutoff = time("sameDayCutoff", this.sameDayCutoff, result);
		Map<DayOfWeek, OpeningWindow> hours = new EnumMap<>(DayOfWeek.class);
		for (int i = 0; i < 7; i++) {
			String text = Texts.blankToNull(day(i));
			if (text == null) {
				continue;
			}
			Matcher matcher = WINDOW.matcher(text);
			try {
				if (!matcher.matches()) {
					throw new IllegalArgumentException(text);
				}
				hours.put(DayOfWeek.of(i + 1),
						new OpeningWindow(parseTime(matcher.group(1)), parseTime(matcher.group(2))));
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				result.rejectValue(DAYS.get(i), "hub.form.hours.invalid");
			}
		}
		return new HubDetails(this.slug, this.name, this.address, this.timeZone, lat, lon, capacity, slot,
				this.deliveryPostcodes, radius, cutoff, Boolean.TRUE.equals(this.active), hours);
	}

	private static Double decimal(String field, String text, BindingResult result) {
		String value = Texts.blankToNull(text);
		if (value == null) {
			return null;
		}
		try {
			return Double.valueOf(value.strip().replace(',', '.'));
		}
		catch (NumberFormatException ex) {
			result.rejectValue(field, "hub.form.number.invalid");
			return null;
		}
	}

	private static Integer whole(String field, String text, BindingResult result) {
		String value = Texts.blankToNull(text);
		try {
			return (value != null) ? Integer.valueOf(value.strip()) : null;
		}
		catch (NumberFormatException ex) {
			result.rejectValue(field, "form.number");
			return null;
		}
	}

	private static LocalTime time(String field, String text, BindingResult result) {
		String value = Texts.blankToNull(text);
		try {
			return (value != null) ? parseTime(value.strip()) : null;
		}
		catch (DateTimeParseException ex) {
			result.rejectValue(field, "hub.form.time.invalid");
			return null;
		}
	}

	private static LocalTime parseTime(String text) {
		return LocalTime.parse((text.length() == 4) ? "0" + text : text);
	}

}

package io.microdrops.ops.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * How the dashboards write numbers: plain digits without thousands separators and units
 * in the column headers, so a downloaded table opens as numbers in any spreadsheet.
 */
final class Figures {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

	private Figures() {
	}

	/** A share as a percentage with one decimal, e.g. {@code 33.3}. */
	static String percent(Double share) {
		return (share != null) ? String.format(Locale.ROOT, "%.1f", share * 100) : null;
	}

	/** An amount in major units, e.g. {@code 24.50}. */
	static String money(long minor, String currency) {
		int digits = (currency != null) ? Currency.getInstance(currency).getDefaultFractionDigits() : 2;
		return BigDecimal.valueOf(minor, digits).toPlainString();
	}

	/** A duration as hours and minutes, e.g. {@code 3:07}; {@code null} for none. */
	static String hours(Duration duration) {
		if (duration == null) {
			return null;
		}
		long minutes = Math.max(0, duration.toMinutes());
		return String.format(Locale.ROOT, "%d:%02d", minutes / 60, minutes % 60);
	}

	/** Days with one decimal, e.g. {@code 21.0}. */
	static String days(Double days) {
		return (days != null) ? String.format(Locale.ROOT, "%.1f", days) : null;
	}

	/** A date in a time zone, e.g. {@code 2026-03-12}. */
	static String date(Instant instant, ZoneId zone) {
		return DATE.format(instant.atZone(zone));
	}

	/** A share as a percentage for a chart, or {@code null}. */
	static Double chartPercent(Double share) {
		return (share != null) ? Math.round(share * 1000) / 10.0 : null;
	}

}

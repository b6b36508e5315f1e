package io.microdrops.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * How far back a dashboard looks: drops that opened (and cohorts that started) within the
 * last months, or all of them.
 */
public enum Period {

	/** The last 3 months. */
	LAST_3_MONTHS("3m", 3),

	/** The last 6 months. */
	LAST_6_MONTHS("6m", 6),

	/** The last 12 months. */
	LAST_12_MONTHS("12m", 12),

	/** Everything. */
	ALL("all", 0);

	private final String code;

	private final int months;

	Period(String code, int months) {
		this.code = code;
		this.months = months;
	}

	/**
	 * The code used in addresses and forms.
	 * @return e.g. {@code 12m}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * The start of the period.
	 * @param now the moment of asking
	 * @return the earliest moment in the period
	 */
	public Instant since(Instant now) {
		return (this.months == 0) ? Instant.EPOCH : now.atOffset(ZoneOffset.UTC).minusMonths(this.months).toInstant();
	}

	/**
	 * Finds a period by its code.
	 * @param code the code
	 * @return the period, empty for an unknown code
	 */
	public static Optional<Period> of(String code) {
		return Arrays.stream(values()).filter(period -> period.code.equals(code)).findFirst();
	}

}

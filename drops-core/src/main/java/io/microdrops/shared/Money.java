package io.microdrops.shared;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount of money in minor units (cents, pence) of a currency; never a floating-point
 * number.
 *
 * @param minor the amount in minor units, zero or more
 * @param currency the currency
 */
public record Money(long minor, Currency currency) {

	/**
	 * Creates an amount.
	 * @param minor the amount in minor units
	 * @param currency the currency
	 * @throws IllegalArgumentException when the amount is negative
	 */
	public Money {
		if (minor < 0) {
			throw new IllegalArgumentException("Money cannot be negative");
		}
		if (currency == null) {
			throw new IllegalArgumentException("A currency is required");
		}
	}

	/**
	 * Creates an amount from an ISO 4217 code.
	 * @param minor the amount in minor units
	 * @param currencyCode the code, for example {@code EUR}
	 * @return the amount
	 */
	public static Money of(long minor, String currencyCode) {
		return new Money(minor, Currency.getInstance(currencyCode));
	}

	/**
	 * Returns the amount in major units, for display.
	 * @return e.g. {@code 24.50}
	 */
	public BigDecimal toMajor() {
		return BigDecimal.valueOf(this.minor, Math.max(0, this.currency.getDefaultFractionDigits()));
	}

	/**
	 * Multiplies the amount.
	 * @param times how many
	 * @return the product
	 */
	public Money times(int times) {
		return new Money(Math.multiplyExact(this.minor, times), this.currency);
	}

}

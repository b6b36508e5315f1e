package io.microdrops.storefront;

/**
 * English ordinals for recognition ("your 3rd drop with us"), on fans' pages and on the
 * packing slip ops print.
 */
public final class Ordinals {

	private Ordinals() {
	}

	/**
	 * Writes a number as an English ordinal.
	 * @param number the number, from 1
	 * @return e.g. {@code 1st}, {@code 12th}, {@code 23rd}
	 */
	public static String of(int number) {
		int lastTwo = number % 100;
		if (lastTwo >= 11 && lastTwo <= 13) {
			return number + "th";
		}
		return number + switch (number % 10) {
			case 1 -> "st";
			case 2 -> "nd";
			case 3 -> "rd";
			default -> "th";
		};
	}

}

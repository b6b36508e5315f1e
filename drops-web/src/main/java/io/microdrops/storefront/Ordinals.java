package io.microdrops.storefront;

/**
 * English ordinals for recognition ("your 3rd drop with us").
 */
final class Ordinals {

	private Ordinals() {
	}

	static String of(int number) {
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

package io.microdrops.demo;

/**
 * How large a demo history to make.
 *
 * @param communities communities in all, the demo shop's two included
 * @param fans fans in all
 * @param orders about how many orders (the fans' behaviour decides the exact number)
 * @param months how many months back the history reaches
 * @param seed the random seed: the same seed makes the same history
 */
record HistorySize(int communities, int fans, int orders, int months, long seed) {

	HistorySize {
		if (communities < 1 || fans < 10 || orders < 1 || months < 1 || months > 36) {
			throw new IllegalArgumentException("A demo history needs at least one community, ten fans, one order "
					+ "and between 1 and 36 months; got " + communities + ", " + fans + ", " + orders + ", " + months);
		}
	}

}

package io.microdrops.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Tells robots from people: by the user agent, and by the rate of page views from one
 * anonymous visitor — more than the limit within a minute marks that visitor as a robot
 * for the rest of the day. Counted per application node, in memory.
 */
class BotFilter {

	private static final Pattern ROBOT_AGENTS = Pattern.compile("(?i)bot\\b|bot/|crawl|spider|slurp|scrap|curl|wget|"
			+ "python|httpclient|okhttp|java/|go-http|node-fetch|axios|headless|phantom|lighthouse|pingdom|uptime|"
			+ "monitor|preview|facebookexternalhit|embedly|whatsapp|telegram|discord|slack|feedfetcher");

	// Enough to remember a day's worth of misbehaving clients without growing unbounded.
	private static final int MAX_REMEMBERED = 100_000;

	private final int maxViewsPerMinute;

	private volatile Minute minute = new Minute(0);

	private volatile Day day = new Day(LocalDate.MIN);

	BotFilter(int maxViewsPerMinute) {
		this.maxViewsPerMinute = maxViewsPerMinute;
	}

	static boolean isRobotAgent(String userAgent) {
		return userAgent == null || userAgent.isBlank() || ROBOT_AGENTS.matcher(userAgent).find();
	}

	/**
	 * Counts one view of a visitor and tells whether the visitor is a robot by its rate.
	 */
	boolean countAndCheck(String visitor, Instant at) {
		Day today = today(at);
		if (today.robots().contains(visitor)) {
			return true;
		}
		long epochMinute = at.getEpochSecond() / 60;
		Minute current = this.minute;
		if (current.epochMinute() != epochMinute) {
			current = new Minute(epochMinute);
			this.minute = current;
		}
		if (current.counts().size() >= MAX_REMEMBERED) {
			current.counts().clear();
		}
		int views = current.counts().computeIfAbsent(visitor, key -> new AtomicInteger()).incrementAndGet();
		if (views > this.maxViewsPerMinute) {
			if (today.robots().size() < MAX_REMEMBERED) {
				today.robots().add(visitor);
			}
			return true;
		}
		return false;
	}

	boolean isKnownRobot(String visitor, Instant at) {
		return today(at).robots().contains(visitor);
	}

	private Day today(Instant at) {
		LocalDate date = LocalDate.ofInstant(at, ZoneOffset.UTC);
		Day current = this.day;
		if (!current.date().equals(date)) {
			current = new Day(date);
			this.day = current;
		}
		return current;
	}

	private record Minute(long epochMinute, Map<String, AtomicInteger> counts) {

		Minute(long epochMinute) {
			this(epochMinute, new ConcurrentHashMap<>());
		}

	}

	private record Day(LocalDate date, Set<String> robots) {

		Day(LocalDate date) {
			this(date, ConcurrentHashMap.newKeySet());
		}

	}

}

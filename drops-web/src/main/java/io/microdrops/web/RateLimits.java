package io.microdrops.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes one attempt from a {@link RateLimit rate limit}'s bucket for someone (an address
 * or an account). The buckets are Bucket4j token buckets kept in PostgreSQL
 * ({@code rate_limit_buckets}, one row per bucket, locked with {@code select … for
 * update} for the instant of the check in a short transaction of its own), so every node
 * counts against the same buckets and a restart forgets nothing. When the database cannot
 * be asked, the attempt is let through: the request then meets the database itself, and
 * refusing everyone while PostgreSQL restarts would be worse than a few seconds without
 * limits. {@code drops.rate-limits.enabled=false} turns every limit off.
 * <p>
 * A limit may give each node an allowance
 * ({@code drops.rate-limits.<name>.node-allowance}): that many attempts of a period per
 * subject are let through by a bucket in the node's memory (also Bucket4j's) before the
 * shared bucket is asked at all. An account can so make at most
 * {@code capacity + allowance × nodes} attempts a period; in exchange the ordinary fan's
 * single attempt on drop day needs no extra transaction.
 */
@Component
class RateLimits {

	private static final Log logger = LogFactory.getLog(RateLimits.class);

	private static final String PREFIX = "drops.rate-limits.";

	private static final long UNASKED_AFTER_FAILURE_MILLIS = 5_000;

	private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

	private final boolean enabled;

	private final Map<RateLimit, Setting> settings;

	private final AtomicLong lastWarning = new AtomicLong();

	/** Node-local first-line buckets, per limit and subject key. */
	private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();

	/** Until when (clock millis) the buckets are not asked after a failed check. */
	private volatile long unaskedUntil;

	private final Clock clock;

	@Autowired
	RateLimits(DataSource dataSource, Clock clock, Environment environment) {
		this(dataSource, clock, environment.getProperty(PREFIX + "enabled", Boolean.class, true),
				settingsFrom(environment));
	}

	RateLimits(DataSource dataSource, Clock clock, boolean enabled, Map<RateLimit, Setting> settings) {
		this.clock = clock;
		this.enabled = enabled;
		this.settings = Map.copyOf(settings);
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("rate_limit_buckets")
			.idColumn("id")
			.stateColumn("state")
			.expiresAtColumn("expires_at")
			.clientClock(new ClockTimeMeter(clock))
			// A bucket is kept a little after it would be full again; then it is the
			// same as a new one and its row goes.
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build();
	}

	/**
	 * Reads each limit's capacity and period from {@code drops.rate-limits.<name>.*},
	 * with the limit's defaults.
	 * @param environment the settings
	 * @return every limit's setting
	 */
	static Map<RateLimit, Setting> settingsFrom(Environment environment) {
		Map<RateLimit, Setting> settings = new EnumMap<>(RateLimit.class);
		for (RateLimit limit : RateLimit.values()) {
			int capacity = environment.getProperty(PREFIX + limit.property() + ".capacity", Integer.class,
					limit.defaultCapacity());
			Duration period = environment.getProperty(PREFIX + limit.property() + ".period", Duration.class,
					limit.defaultPeriod());
			int allowance = environment.getProperty(PREFIX + limit.property() + ".node-allowance", Integer.class,
					limit.defaultNodeAllowance());
			if (capacity < 0 || period == null || period.isNegative() || period.isZero() || allowance < 0) {
				throw new IllegalStateException(PREFIX + limit.property()
						+ ": the capacity must be 0 (off) or more, the node allowance 0 or more and the period longer than zero");
			}
			settings.put(limit, new Setting(capacity, period, allowance));
		}
		return settings;
	}

	/**
	 * Whether a limit counts at all (limits on, and its capacity above zero).
	 * @param limit the limit
	 * @return {@code true} if attempts are counted against it
	 */
	boolean applies(RateLimit limit) {
		return this.enabled && this.settings.get(limit).capacity() > 0;
	}

	/**
	 * Takes one attempt from the bucket of a limit for someone.
	 * @param limit the limit
	 * @param subject who is counted: an address, an account id, an e-mail address (only a
	 * hash of it is stored)
	 * @return empty if the attempt may go ahead, else how long until the next one may
	 */
	Optional<Duration> take(RateLimit limit, String subject) {
		if (!applies(limit) || subject == null || this.clock.millis() < this.unaskedUntil) {
			return Optional.empty();
		}
		Setting setting = this.settings.get(limit);
		// The settings are part of the key: changed settings start with fresh buckets.
		String key = limit.property() + "/" + setting.capacity() + "/" + setting.period() + "/" + hash(subject);
		if (setting.nodeAllowance() > 0 && this.allowances
			.computeIfAbsent(key,
					k -> new Allowance(Bucket.builder()
						.addLimit(bandwidth -> bandwidth.capacity(setting.nodeAllowance())
							.refillGreedy(setting.nodeAllowance(), setting.period()))
						.withCustomTimePrecision(new ClockTimeMeter(this.clock))
						.build(), setting.nodeAllowance()))
			.bucket()
			.tryConsume(1)) {
			return Optional.empty();
		}
		try {
			ConsumptionProbe probe = this.buckets.builder()
				.build(key,
						() -> BucketConfiguration.builder()
							.addLimit(bandwidth -> bandwidth.capacity(setting.capacity())
								.refillGreedy(setting.capacity(), setting.period()))
							.build())
				.tryConsumeAndReturnRemaining(1);
			if (probe.isConsumed()) {
				return Optional.empty();
			}
			return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
		catch (RuntimeException ex) {
			long now = this.clock.millis();
			// Asking again at once would make every request wait for the database's
			// timeout twice (here, then for its own work) while it is away.
			this.unaskedUntil = now + UNASKED_AFTER_FAILURE_MILLIS;
			long last = this.lastWarning.get();
			if (now - last > 60_000 && this.lastWarning.compareAndSet(last, now)) {
				logger.warn("Rate limits could not be checked, attempts are let through: " + ex.getMessage());
			}
			return Optional.empty();
		}
	}

	/**
	 * Deletes the rows of buckets that are full again (as good as new), on any node; rows
	 * another node is deleting are skipped.
	 */
	@Scheduled(fixedDelayString = "${drops.rate-limits.cleanup-interval:PT10M}",
			initialDelayString = "${drops.rate-limits.cleanup-interval:PT10M}")
	void removeFullBuckets() {
		// A full node bucket is as good as a new one.
		this.allowances.values().removeIf(allowance -> allowance.bucket().getAvailableTokens() >= allowance.capacity());
		try {
			for (int round = 0; round < 100 && this.buckets.removeExpired(1000) == 1000; round++) {
				// keep going while whole batches come back
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Full rate-limit buckets were not removed this time", ex);
		}
	}

	static long retryAfterSeconds(Duration wait) {
		long seconds = (wait.toNanos() + 999_999_999L) / 1_000_000_000L;
		return Math.max(1, seconds);
	}

	private static String hash(String subject) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A limit's size.
	 *
	 * @param capacity attempts allowed at once; {@code 0} turns the limit off
	 * @param period time in which as many attempts come back, evenly
	 * @param nodeAllowance attempts of a period each node lets through from its own
	 * memory before asking the shared bucket
	 */
	record Setting(int capacity, Duration period, int nodeAllowance) {

		Setting(int capacity, Duration period) {
			this(capacity, period, 0);
		}

	}

	/** A node's own first-line bucket and its size. */
	private record Allowance(Bucket bucket, int capacity) {
	}

	/** Bucket4j's clock: the application's, so tests can move it. */
	private record ClockTimeMeter(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			Instant now = this.clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}

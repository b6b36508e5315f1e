package io.microdrops.preorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles due pre-orders every few seconds ({@code drops.preorder.settle-interval},
 * default 15 s), on one node at a time (ShedLock). Each step also claims its rows, so two
 * runs that overlap (a lock that ran out, a test) still settle everything once.
 */
@Component
class PreorderJob {

	private static final Logger logger = LoggerFactory.getLogger(PreorderJob.class);

	/** Pre-orders converted per run at most; the next run takes the rest. */
	static final int BATCH = 200;

	/**
	 * After this, a run starts no further conversion, so it ends well within its lock.
	 */
	static final Duration RUN_TIME = Duration.ofMinutes(3);

	private final PreorderSettlement settlement;

	private final Clock clock;

	PreorderJob(PreorderSettlement settlement, Clock clock) {
		this.settlement = settlement;
		this.clock = clock;
	}

	/**
	 * Settles what is due, unless another node is at it.
	 */
	@Scheduled(fixedDelayString = "${drops.preorder.settle-interval:PT15S}",
			initialDelayString = "${drops.preorder.settle-interval:PT15S}")
	@SchedulerLock(name = "preorder-settlement", lockAtMostFor = "PT10M")
	public void run() {
		settleDue();
	}

	/**
	 * Decides the drops whose deadline passed, converts the pre-orders of confirmed ones,
	 * lets the sales of fully settled ones start, and releases the card authorisations of
	 * pre-orders that will not become orders.
	 * @return what this run did
	 */
	public Report settleDue() {
		int decided = 0;
		for (String slug : this.settlement.dueForDecision()) {
			try {
				decided += this.settlement.decide(slug).isPresent() ? 1 : 0;
			}
			catch (RuntimeException ex) {
				// One drop's failure must not hold back the others; it is retried next
				// run.
				logger.warn("Could not decide the pre-orders of drop {}", slug, ex);
			}
		}
		int ordered = 0;
		int failed = 0;
		Instant runEnds = this.clock.instant().plus(RUN_TIME);
		for (UUID preorder : this.settlement.dueForConversion(BATCH)) {
			if (!this.clock.instant().isBefore(runEnds)) {
				break;
			}
			try {
				PreorderStatus status = this.settlement.convert(preorder).orElse(null);
				ordered += (status == PreorderStatus.ORDERED) ? 1 : 0;
				failed += (status == PreorderStatus.FAILED) ? 1 : 0;
			}
			catch (RuntimeException ex) {
				// Left to its lease: a later run tries it again.
				logger.warn("Could not turn pre-order {} into an order", preorder, ex);
			}
		}
		int completed = 0;
		for (String slug : this.settlement.dueForCompletion()) {
			try {
				completed += this.settlement.complete(slug) ? 1 : 0;
			}
			catch (RuntimeException ex) {
				logger.warn("Could not complete the pre-orders of drop {}", slug, ex);
			}
		}
		int released = 0;
		for (UUID preorder : this.settlement.dueForRelease(BATCH)) {
			if (!this.clock.instant().isBefore(runEnds)) {
				break;
			}
			try {
				released += this.settlement.release(preorder) ? 1 : 0;
			}
			catch (RuntimeException ex) {
				// The provider could not be asked: the next run tries again.
				logger.warn("Could not release the authorisation of pre-order {}", preorder, ex);
			}
		}
		return new Report(decided, ordered, failed, completed, released);
	}

	/**
	 * What one run did.
	 *
	 * @param decided drops whose pre-orders it decided
	 * @param ordered pre-orders it turned into orders
	 * @param failed pre-orders that could not become orders
	 * @param completed confirmed drops whose sales it let start
	 * @param released authorisations it let go, of pre-orders voided, withdrawn or failed
	 */
	record Report(int decided, int ordered, int failed, int completed, int released) {

		Report(int decided, int ordered, int failed, int completed) {
			this(decided, ordered, failed, completed, 0);
		}

	}

}

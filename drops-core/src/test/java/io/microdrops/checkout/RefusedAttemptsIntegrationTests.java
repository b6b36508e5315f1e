package io.microdrops.checkout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refused attempts are counted per drop and reason, in memory on the request path and
 * added up in the database, so the transparency page can tell how many fans were turned
 * away and why.
 */
@SpringBootTest
class RefusedAttemptsIntegrationTests {

	@Autowired
	Checkout checkout;

	@Autowired
	RefusedAttempts refused;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	JdbcTemplate jdbc;

	CheckoutFixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
	}

	@Test
	void countsEveryRefusedReserveByReasonAcrossConcurrentFans() throws Exception {
		String drop = this.fixtures.openDrop(3, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(20);
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<Boolean>> outcomes = fans.stream().map(fan -> pool.submit(() -> {
				try {
					this.checkout.reserve(CheckoutFixtures.one(drop, fan, UUID.randomUUID().toString()));
					return true;
				}
				catch (CheckoutRefusedException ex) {
					return false;
				}
			})).toList();
			long won = 0;
			for (Future<Boolean> outcome : outcomes) {
				won += outcome.get() ? 1 : 0;
			}
			assertThat(won).isEqualTo(3);
		}
		this.refused.flush();

		assertThat(this.refused.byReason(this.fixtures.idOf(drop)))
			.containsExactly(Map.entry(RefusalReason.SOLD_OUT, 17L));
	}

	@Test
	void countsAFanOverTheLimitApartFromSoldOut() {
		String drop = this.fixtures.openDrop(5, 1, 10, Instant.now());
		AccountId fan = this.fixtures.fans(1).get(0);
		this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
		for (int i = 0; i < 2; i++) {
			try {
				this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
			}
			catch (CheckoutRefusedException ex) {
				assertThat(ex.reason()).isEqualTo(CheckoutRefusedException.Reason.OVER_LIMIT);
			}
		}
		this.refused.flush();

		assertThat(this.refused.byReason(this.fixtures.idOf(drop)))
			.containsExactly(Map.entry(RefusalReason.OVER_LIMIT, 2L));
	}

	@Test
	void countsAReserveFromADropThatClosedAsSuchAlsoOnceItSoldOut() {
		String drop = this.fixtures.openDrop(1, 1, 10, Instant.now());
		List<AccountId> fans = this.fixtures.fans(3);
		this.checkout.reserve(CheckoutFixtures.one(drop, fans.get(0), null));
		assertThat(refusal(drop, fans.get(1))).isEqualTo(CheckoutRefusedException.Reason.SOLD_OUT);
		this.drops.closeEarly(drop);

		// Every unit held, and this node remembering it sold out a moment ago: after
		// that moment, the drop being over is the answer.
		await().atMost(Duration.ofSeconds(5))
			.until(() -> refusal(drop, fans.get(2)) == CheckoutRefusedException.Reason.DROP_CLOSED);
		this.refused.flush();

		assertThat(this.refused.byReason(this.fixtures.idOf(drop))).containsEntry(RefusalReason.DROP_CLOSED, 1L)
			.containsKey(RefusalReason.SOLD_OUT)
			.doesNotContainKey(RefusalReason.NOT_OPEN);
	}

	private CheckoutRefusedException.Reason refusal(String drop, AccountId fan) {
		try {
			this.checkout.reserve(CheckoutFixtures.one(drop, fan, null));
			return null;
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	@Test
	void keepsCountsAddedByTwoFlushesAndIgnoresWhatCannotBeADrop() {
		String drop = this.fixtures.openDrop(5, 1, 10, Instant.now());
		this.refused.count(drop, RefusalReason.RATE_LIMITED);
		this.refused.count(drop, RefusalReason.RATE_LIMITED);
		this.refused.count("../not a drop", RefusalReason.RATE_LIMITED);
		this.refused.flush();
		this.refused.count(drop, RefusalReason.RATE_LIMITED);
		this.refused.count(drop, RefusalReason.IDENTITY_CAP);
		this.refused.flush();

		assertThat(this.refused.byReason(this.fixtures.idOf(drop)))
			.containsExactly(Map.entry(RefusalReason.RATE_LIMITED, 3L), Map.entry(RefusalReason.IDENTITY_CAP, 1L));
		assertThat(RefusalReason.IDENTITY_CAP.code()).isEqualTo("identity-cap");
	}

}

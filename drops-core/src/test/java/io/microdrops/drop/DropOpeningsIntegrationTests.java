package io.microdrops.drop;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityId;
import io.microdrops.community.CommunityManagement;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.Concurrently;
import io.microdrops.testsupport.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.event.TransactionalEventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opening of a drop is published once, whoever notices it first, and only once any
 * pre-order validation has ended.
 */
@SpringBootTest
@Import(DropOpeningsIntegrationTests.Setup.class)
class DropOpeningsIntegrationTests {

	static final Instant NOW = Instant.parse("2032-05-05T12:00:00Z");

	@Autowired
	DropOpenings openings;

	@Autowired
	DropManagement drops;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	MovableClock clock;

	@Autowired
	Opened opened;

	@BeforeEach
	void setUp() {
		this.clock.set(NOW);
	}

	@Test
	void publishesAnOpeningOnceWhenTwoCallersRace() throws Exception {
		String drop = drop(NOW.minus(Duration.ofMinutes(5)), null);
		assertThat(this.openings.due()).contains(drop);

		List<Boolean> published = Concurrently.run(2, i -> this.openings.publishIfOpen(drop));

		assertThat(published).containsExactlyInAnyOrder(true, false);
		assertThat(this.opened.of(drop)).singleElement()
			.satisfies(event -> assertThat(event.accessMode()).isEqualTo(AccessMode.FIRST_COME));
		assertThat(this.openings.due()).doesNotContain(drop);
		assertThat(this.openings.publishIfOpen(drop)).isFalse();
	}

	@Test
	void waitsForThePreordersOfADropBeforePublishingItsOpening() {
		String drop = drop(NOW.minus(Duration.ofMinutes(5)), 10);

		assertThat(this.openings.due()).doesNotContain(drop);
		assertThat(this.openings.publishIfOpen(drop)).isFalse();

		this.drops.settlePreorders(drop, PreorderOutcome.CONFIRMED);
		assertThat(this.openings.due()).contains(drop);
		assertThat(this.openings.publishIfOpen(drop)).isTrue();
		assertThat(this.opened.of(drop)).hasSize(1);
	}

	@Test
	void leavesAloneDropsThatOpenedLongAgoOrAreNotOpenYet() {
		String old = drop(NOW.minus(DropOpenings.LATEST).minusSeconds(1), null);
		String upcoming = drop(NOW.plus(Duration.ofMinutes(5)), null);

		assertThat(this.openings.due()).doesNotContain(old, upcoming);
		assertThat(this.openings.publishIfOpen(old)).isFalse();
		assertThat(this.openings.publishIfOpen(upcoming)).isFalse();
		assertThat(this.opened.of(old)).isEmpty();
	}

	private String drop(Instant opensAt, Integer threshold) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		CommunityId community = this.communities
			.create("openings-" + suffix,
					new CommunityDetails("Openings " + suffix, "Opening tests.", null, null, 300,
							ZoneId.of("Europe/London"), 0, 31))
			.id();
		Sku sku = this.catalog.create("openings-sku-" + suffix,
				new SkuDetails("Keycap", Money.of(1000, "GBP"), null, null, null));
		String slug = "openings-" + suffix;
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, community, AccessMode.FIRST_COME,
						new Timeline(opensAt.minus(Duration.ofDays(3)), null, opensAt,
								opensAt.plus(Duration.ofDays(3))),
						10, threshold, List.of(new NewDropItem(sku.id(), 10, 1))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Setup {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(NOW);
		}

		@Bean
		Opened opened() {
			return new Opened();
		}

	}

	/** Records the committed openings. */
	static class Opened {

		private final List<DropOpened> events = new CopyOnWriteArrayList<>();

		@TransactionalEventListener
		void on(DropOpened event) {
			this.events.add(event);
		}

		List<DropOpened> of(String drop) {
			return this.events.stream().filter(event -> event.slug().equals(drop)).toList();
		}

	}

}

package io.microdrops.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.DropSoldOut;
import io.microdrops.checkout.OrderPlaced;
import io.microdrops.checkout.ReservationPlaced;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.testsupport.MovableClock;
import io.microdrops.waitlist.WaitlistJoined;
import io.microdrops.waitlist.WaitlistManagement;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * The one application context of the analytics tests: the shop's modules and analytics on
 * the test PostgreSQL, with a clock the tests move so that drops can open in the past.
 * Story page views are written only when a test flushes them.
 */
@SpringBootTest(properties = "drops.analytics.views.flush-interval=PT1H")
@Import(AnalyticsIntegrationTest.Clocks.class)
abstract class AnalyticsIntegrationTest {

	/** A Monday at 18:00 UTC, early in 2025: every drop of these tests opens after it. */
	static final Instant START = Instant.parse("2025-01-06T18:00:00Z");

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Engagements engagements;

	@Autowired
	StoryViews views;

	@Autowired
	AnalyticsDashboards dashboards;

	@Autowired
	AnalyticsHistory history;

	@Autowired
	AnalyticsRefresh refresh;

	@Autowired
	PublishedEvents published;

	AnalyticsFixtures fixtures;

	@BeforeEach
	void fixtures(@Autowired CommunityManagement communities, @Autowired CatalogManagement catalog,
			@Autowired DropManagement drops, @Autowired WaitlistManagement waitlists, @Autowired Checkout checkout,
			@Autowired OrderManagement orders) {
		this.clock.set(START);
		this.fixtures = new AnalyticsFixtures(communities, catalog, drops, waitlists, checkout, orders, this.jdbc,
				this.clock);
	}

	/** Waits for the asynchronous listeners to have recorded what the events said. */
	static <T> T eventually(Supplier<T> value, T expected) {
		return await().atMost(Duration.ofSeconds(20)).until(value::get, expected::equals);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(START);
		}

		@Bean
		PublishedEvents publishedEvents() {
			return new PublishedEvents();
		}

	}

	/** Every event the shop published while the tests ran, as the listeners got them. */
	static class PublishedEvents {

		private final List<Object> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(WaitlistJoined event) {
			this.events.add(event);
		}

		@EventListener
		void on(ReservationPlaced event) {
			this.events.add(event);
		}

		@EventListener
		void on(OrderPlaced event) {
			this.events.add(event);
		}

		@EventListener
		void on(DropSoldOut event) {
			this.events.add(event);
		}

		<T> List<T> of(Class<T> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}

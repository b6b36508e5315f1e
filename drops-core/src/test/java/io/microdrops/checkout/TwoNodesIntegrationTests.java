package io.microdrops.checkout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.microdrops.CoreTestApplication;
import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.checkout.CheckoutRefusedException.Reason;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropState;
import io.microdrops.testsupport.Concurrently;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes, each a Spring context of its own with its own pool, caches and
 * sweeper, selling one drop from one PostgreSQL at the same time.
 */
class TwoNodesIntegrationTests {

	private static final Log logger = LogFactory.getLog(TwoNodesIntegrationTests.class);

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoNodes() {
		first = node();
		second = node();
	}

	@AfterAll
	static void stopThem() {
		second.close();
		first.close();
	}

	static ConfigurableApplicationContext node() {
		return new SpringApplicationBuilder(CoreTestApplication.class, Recorder.class).web(WebApplicationType.NONE)
			.properties("spring.jmx.enabled=false", "spring.main.banner-mode=off")
			.run();
	}

	@Test
	void sellOneDropTogetherWithoutOversellingOrGivingAnEditionTwice() throws Exception {
		JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
		CheckoutFixtures fixtures = new CheckoutFixtures(first.getBean(CommunityManagement.class),
				first.getBean(CatalogManagement.class), first.getBean(DropManagement.class), jdbc);
		String drop = fixtures.openDrop(100, 1, 10, Instant.now());
		List<AccountId> fans = fixtures.fans(600);
		List<Checkout> nodes = List.of(first.getBean(Checkout.class), second.getBean(Checkout.class));

		long started = System.nanoTime();
		List<Object> rush = Concurrently.run(400,
				i -> reserve(nodes.get(i % 2), CheckoutFixtures.one(drop, fans.get(i), null)));
		long rushMillis = (System.nanoTime() - started) / 1_000_000;

		List<Reservation> holds = holds(rush);
		assertThat(holds).hasSize(100);
		assertThat(holds.stream().flatMap(hold -> hold.editions().stream()).sorted().toList())
			.isEqualTo(IntStream.rangeClosed(1, 100).boxed().toList());
		assertThat(rush).filteredOn(Reason.class::isInstance).containsOnly(Reason.SOLD_OUT).hasSize(300);
		assertThat(soldOut(fixtures.idOf(drop))).as("DropSoldOut across both nodes").isEqualTo(1);

		// Forty holds run out; both nodes sweep while 200 more fans reserve on both.
		List<UUID> expired = jdbc.queryForList("update reservations set expires_at = now() - interval '1 second' "
				+ "where id in (select id from reservations where drop_item_id = ? order by id limit 40) returning id",
				UUID.class, fixtures.itemOf(drop));
		List<Callable<Object>> tasks = new ArrayList<>();
		for (Checkout node : nodes) {
			tasks.add(() -> {
				int released = 0;
				for (int batch = 0; batch < 20; batch++) {
					released += node.releaseExpired(3);
				}
				return released;
			});
		}
		for (int i = 400; i < 600; i++) {
			Checkout node = nodes.get(i % 2);
			ReserveRequest request = CheckoutFixtures.one(drop, fans.get(i), null);
			tasks.add(() -> reserve(node, request));
		}
		List<Object> meanwhile = Concurrently.all(tasks);

		assertThat(
				jdbc.queryForObject("select count(*) from reservations where drop_item_id = ? and status = 'EXPIRED'",
						Long.class, fixtures.itemOf(drop)))
			.isEqualTo(40);
		assertThat(expiredEvents()).as("ReservationExpired across both nodes, each once")
			.containsAll(expired)
			.doesNotHaveDuplicates();
		assertThat(holds(meanwhile)).hasSizeLessThanOrEqualTo(40);
		assertThat(fixtures.heldPlusSold(drop)).isLessThanOrEqualTo(100);
		assertThat(jdbc.queryForList("""
				select unnest(editions) from reservations where drop_item_id = ? and status in ('HELD', 'ORDERED')
				""", Integer.class, fixtures.itemOf(drop))).doesNotHaveDuplicates()
			.hasSize((int) fixtures.heldPlusSold(drop));
		DropState state = first.getBean(DropManagement.class).view(drop).state();
		assertThat(second.getBean(DropManagement.class).view(drop).state()).isEqualTo(state);

		first.getBean(ReserveAttempts.class).flush(Long.MAX_VALUE);
		second.getBean(ReserveAttempts.class).flush(Long.MAX_VALUE);
		assertThat(jdbc.queryForObject("select sum(attempts) from reserve_attempts where drop_id = ?", Long.class,
				fixtures.idOf(drop).value()))
			.as("attempts counted on both nodes")
			.isEqualTo(600);
		logger.info("Two nodes, 400 fans for 100 units: " + rushMillis + " ms");
	}

	private static Object reserve(Checkout node, ReserveRequest request) {
		try {
			return node.reserve(request);
		}
		catch (CheckoutRefusedException ex) {
			return ex.reason();
		}
	}

	private static List<Reservation> holds(List<Object> outcomes) {
		return outcomes.stream().filter(Reservation.class::isInstance).map(Reservation.class::cast).toList();
	}

	private static long soldOut(DropId drop) {
		return List.of(first, second)
			.stream()
			.flatMap(node -> node.getBean(Recorder.class).soldOut.stream())
			.filter(event -> event.drop().equals(drop))
			.count();
	}

	private static List<UUID> expiredEvents() {
		return List.of(first, second)
			.stream()
			.map(node -> node.getBean(Recorder.class).expired)
			.flatMap(Collection::stream)
			.toList();
	}

	/** What one node published. */
	static class Recorder {

		final List<DropSoldOut> soldOut = new CopyOnWriteArrayList<>();

		final List<UUID> expired = new CopyOnWriteArrayList<>();

		@EventListener
		void on(DropSoldOut event) {
			this.soldOut.add(event);
		}

		@EventListener
		void on(ReservationExpired event) {
			this.expired.add(event.reservation());
		}

	}

}

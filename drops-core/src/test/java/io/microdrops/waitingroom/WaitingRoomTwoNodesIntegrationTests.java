package io.microdrops.waitingroom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.microdrops.CoreTestApplication;
import io.microdrops.account.AccountId;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.testsupport.Concurrently;
import io.microdrops.testsupport.MovableClock;
import io.microdrops.waitingroom.QueuePlace.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes, each a Spring context of its own with its own pool and admission
 * job, sharing one waiting room through one PostgreSQL and one clock.
 */
class WaitingRoomTwoNodesIntegrationTests {

	static final Instant NOW = Instant.parse("2034-04-04T12:00:00Z");

	static final MovableClock CLOCK = new MovableClock(NOW);

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
		return new SpringApplicationBuilder(CoreTestApplication.class, SharedClock.class).web(WebApplicationType.NONE)
			.properties("spring.jmx.enabled=false", "spring.main.banner-mode=off",
					"drops.waiting-room.initial-delay=PT1H")
			.run();
	}

	@Test
	void queueOnTwoNodesShuffledOnceAdmittedOnceAndEndedWhenTheStockIsGone() throws Exception {
		WaitingRoomFixtures fixtures = new WaitingRoomFixtures(first);
		String drop = fixtures.drop(3, null, NOW);
		List<AccountId> fans = fixtures.fans(12);
		List<WaitingRoom> rooms = List.of(first.getBean(WaitingRoom.class), second.getBean(WaitingRoom.class));

		List<QueuePlace> joined = Concurrently.run(12, i -> rooms.get(i % 2).join(drop, fans.get(i)));
		assertThat(joined).extracting(QueuePlace::status).containsOnly(Status.PRE_QUEUE);
		assertThat(rooms.get(1).place(drop, fans.get(0)).preQueue()).isEqualTo(12);

		CLOCK.set(WaitingRoomFixtures.opening(NOW));
		List<Callable<Integer>> rounds = new ArrayList<>();
		for (ConfigurableApplicationContext node : List.of(first, second)) {
			AdmissionJob job = node.getBean(AdmissionJob.class);
			rounds.add(() -> {
				job.run();
				return 0;
			});
		}
		Concurrently.all(rounds);
		// Whichever node ran, and however the runs overlapped: one shuffle, three
		// admitted.
		first.getBean(AdmissionJob.class).run();

		List<UUID> order = QueueShuffle.order(fixtures.seed(drop), fans.stream().map(AccountId::value).toList());
		for (int i = 0; i < order.size(); i++) {
			AccountId fan = new AccountId(order.get(i));
			QueuePlace onFirst = rooms.get(0).place(drop, fan);
			QueuePlace onSecond = rooms.get(1).place(drop, fan);
			if (i < 3) {
				assertThat(onFirst.status()).isEqualTo(Status.ADMITTED);
				assertThat(onSecond.admissionToken()).isEqualTo(onFirst.admissionToken());
			}
			else {
				assertThat(onFirst.status()).isEqualTo(Status.WAITING);
				assertThat(onFirst.position()).isEqualTo(i - 2);
				assertThat(onSecond.position()).isEqualTo(onFirst.position());
			}
		}

		// Admitted on one node, reserved on the other; a token never works twice.
		List<Checkout> checkouts = List.of(first.getBean(Checkout.class), second.getBean(Checkout.class));
		List<Object> holds = Concurrently.run(6, i -> {
			AccountId fan = new AccountId(order.get(i % 3));
			String token = rooms.get(0).place(drop, fan).admissionToken();
			try {
				return checkouts.get(i % 2).reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, null, token));
			}
			catch (RuntimeException ex) {
				return ex;
			}
		});
		assertThat(holds).filteredOn(Reservation.class::isInstance).hasSize(3);

		fixtures.sellHeldUnits(drop);
		second.getBean(AdmissionJob.class).run();
		for (int i = 3; i < order.size(); i++) {
			assertThat(rooms.get(i % 2).place(drop, new AccountId(order.get(i))).status()).isEqualTo(Status.SOLD_OUT);
		}
	}

	/** One clock for both nodes, as one wall clock would be. */
	static class SharedClock {

		@Bean
		@Primary
		MovableClock sharedClock() {
			return CLOCK;
		}

	}

}

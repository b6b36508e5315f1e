package io.microdrops.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropState;
import io.microdrops.testsupport.Concurrently;
import io.microdrops.testsupport.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The drop JSON kept per node: while it is read again after a change of stock, others get
 * the JSON read before instead of waiting for the database; after a change of the drop
 * itself they wait; a failed read is not repeated by everyone waiting for it.
 */
@Timeout(30)
class SharedDropJsonTests {

	// A second that moves only when the test says: the kept JSON stays for the rest of
	// it,
	// whatever the test's pace.
	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T12:00:00Z"));

	private final SharedDropJson shared = new SharedDropJson(JsonMapper.builder().findAndAddModules().build(),
			this.clock, Duration.ofMinutes(1));

	@Test
	void answersTheJsonReadBeforeWhileStockIsReadAgain() throws Exception {
		SharedDropJson.Json before = this.shared.find("brass", slug -> Optional.of(drop(5))).orElseThrow();
		this.shared.forgetAfterCommit(true);
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);

		CompletableFuture<SharedDropJson.Json> reader = CompletableFuture
			.supplyAsync(() -> this.shared.find("brass", slug -> {
				reading.countDown();
				Concurrently.await(finish);
				return Optional.of(drop(4));
			}).orElseThrow());
		Concurrently.await(reading);
		SharedDropJson.Json meanwhile = this.shared.find("brass", slug -> {
			throw new AssertionError("read again while a read was under way");
		}).orElseThrow();
		finish.countDown();

		assertThat(meanwhile.etag()).isEqualTo(before.etag());
		assertThat(text(reader.get(10, TimeUnit.SECONDS))).contains("\"remaining\":4");
		assertThat(text(this.shared.find("brass", slug -> Optional.of(drop(3))).orElseThrow()))
			.as("the new read is kept for the rest of the second")
			.contains("\"remaining\":4");
	}

	@Test
	void waitsForTheNewReadAfterTheDropItselfChanged() throws Exception {
		this.shared.find("brass", slug -> Optional.of(drop(5))).orElseThrow();
		this.shared.forgetAfterCommit(false);
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);

		CompletableFuture<SharedDropJson.Json> reader = CompletableFuture
			.supplyAsync(() -> this.shared.find("brass", slug -> {
				reading.countDown();
				Concurrently.await(finish);
				return Optional.of(drop(0));
			}).orElseThrow());
		Concurrently.await(reading);
		FutureTask<SharedDropJson.Json> waiter = Concurrently.waiting(() -> this.shared.find("brass", slug -> {
			throw new AssertionError("read again while a read was under way");
		}).orElseThrow());
		assertThat(waiter).as("not answered from before the change").isNotDone();
		finish.countDown();

		assertThat(text(waiter.get(10, TimeUnit.SECONDS))).contains("\"remaining\":0");
		assertThat(text(reader.get(10, TimeUnit.SECONDS))).contains("\"remaining\":0");
	}

	@Test
	void waitsForTheNewReadWhenTheDropOpenedSince() throws Exception {
		// Read in the last second before the opening, as "announced".
		this.clock.set(Instant.parse("2026-11-28T11:59:59.500Z"));
		this.shared.find("brass", slug -> Optional.of(opensAtNoon(DropState.ANNOUNCED))).orElseThrow();
		this.shared.forgetAfterCommit(true);
		this.clock.set(Instant.parse("2026-11-28T12:00:00.200Z"));
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);

		CompletableFuture<SharedDropJson.Json> reader = CompletableFuture
			.supplyAsync(() -> this.shared.find("brass", slug -> {
				reading.countDown();
				Concurrently.await(finish);
				return Optional.of(opensAtNoon(DropState.LIVE));
			}).orElseThrow());
		Concurrently.await(reading);
		FutureTask<SharedDropJson.Json> waiter = Concurrently.waiting(() -> this.shared.find("brass", slug -> {
			throw new AssertionError("read again while a read was under way");
		}).orElseThrow());
		assertThat(waiter).as("not answered \"announced\" after the opening").isNotDone();
		finish.countDown();

		assertThat(text(waiter.get(10, TimeUnit.SECONDS))).contains("\"state\":\"LIVE\"");
		assertThat(text(reader.get(10, TimeUnit.SECONDS))).contains("\"state\":\"LIVE\"");
	}

	@Test
	void givesThoseWaitingTheFailureOfTheReadTheyWaitedFor() throws Exception {
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		AtomicInteger reads = new AtomicInteger();
		Function<String, Optional<DropJson>> failing = slug -> {
			reads.incrementAndGet();
			reading.countDown();
			Concurrently.await(finish);
			throw new DataAccessResourceFailureException("every connection busy");
		};

		CompletableFuture<Optional<SharedDropJson.Json>> reader = CompletableFuture
			.supplyAsync(() -> this.shared.find("brass", failing));
		Concurrently.await(reading);
		List<FutureTask<Optional<SharedDropJson.Json>>> waiters = List.of(
				Concurrently.waiting(() -> this.shared.find("brass", failing)),
				Concurrently.waiting(() -> this.shared.find("brass", failing)));
		finish.countDown();

		for (FutureTask<Optional<SharedDropJson.Json>> call : waiters) {
			assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
				.hasCauseInstanceOf(DataAccessResourceFailureException.class);
		}
		assertThatThrownBy(() -> reader.get(10, TimeUnit.SECONDS))
			.hasCauseInstanceOf(DataAccessResourceFailureException.class);
		assertThat(reads).hasValue(1);
	}

	private static DropJson drop(int remaining) {
		return new DropJson("brass", "Brass", DropState.LIVE, AccessMode.FIRST_COME, null, null,
				Instant.parse("2026-11-28T11:00:00Z"), null, "keycaps", 10,
				List.of(new DropJson.Item("brass-set", "Brass set", 200, remaining, 1, 4500, "GBP")));
	}

	private static DropJson opensAtNoon(DropState state) {
		return new DropJson("brass", "Brass", state, AccessMode.FIRST_COME, Instant.parse("2026-11-20T12:00:00Z"), null,
				Instant.parse("2026-11-28T12:00:00Z"), null, "keycaps", 10,
				List.of(new DropJson.Item("brass-set", "Brass set", 200, 200, 1, 4500, "GBP")));
	}

	private static String text(SharedDropJson.Json json) {
		return new String(json.body(), StandardCharsets.UTF_8);
	}

}

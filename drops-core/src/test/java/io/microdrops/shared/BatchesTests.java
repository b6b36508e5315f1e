package io.microdrops.shared;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.microdrops.testsupport.Concurrently;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class BatchesTests {

	/** The keys of each query sent, in order. */
	private final List<Set<String>> queries = new CopyOnWriteArrayList<>();

	private final CountDownLatch firstQueryStarted = new CountDownLatch(1);

	private final CountDownLatch firstQueryMayEnd = new CountDownLatch(1);

	@Test
	void readsALoneKeyAtOnce() {
		Batches<String, String> reads = new Batches<>(this::rowsOf, 10);
		this.firstQueryMayEnd.countDown();

		assertThat(reads.find("a")).contains("row a");
		assertThat(reads.find("nobody")).isEmpty();
		assertThat(this.queries).containsExactly(Set.of("a"), Set.of("nobody"));
	}

	@Test
	void readsTheKeysAskedForMeanwhileInOneQuery() throws Exception {
		Batches<String, String> reads = new Batches<>(this::rowsOf, 10);
		FutureTask<Optional<String>> first = start(() -> reads.find("a"));
		Concurrently.await(this.firstQueryStarted);

		List<FutureTask<Optional<String>>> meanwhile = new ArrayList<>();
		for (String key : List.of("b", "c", "d", "b", "nobody")) {
			meanwhile.add(Concurrently.waiting(() -> reads.find(key)));
		}
		this.firstQueryMayEnd.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).contains("row a");
		assertThat(meanwhile.get(0).get(10, TimeUnit.SECONDS)).contains("row b");
		assertThat(meanwhile.get(1).get(10, TimeUnit.SECONDS)).contains("row c");
		assertThat(meanwhile.get(2).get(10, TimeUnit.SECONDS)).contains("row d");
		assertThat(meanwhile.get(3).get(10, TimeUnit.SECONDS)).as("the same key twice: one row, both callers")
			.contains("row b");
		assertThat(meanwhile.get(4).get(10, TimeUnit.SECONDS)).isEmpty();
		assertThat(this.queries).containsExactly(Set.of("a"), Set.of("b", "c", "d", "nobody"));
	}

	@Test
	void asksAtMostTheLargestBatchInOneQuery() throws Exception {
		Batches<String, String> reads = new Batches<>(this::rowsOf, 2);
		FutureTask<Optional<String>> first = start(() -> reads.find("a"));
		Concurrently.await(this.firstQueryStarted);
		List<FutureTask<Optional<String>>> meanwhile = new ArrayList<>();
		for (String key : List.of("b", "c", "d")) {
			meanwhile.add(Concurrently.waiting(() -> reads.find(key)));
		}
		this.firstQueryMayEnd.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).contains("row a");
		for (FutureTask<Optional<String>> call : meanwhile) {
			assertThat(call.get(10, TimeUnit.SECONDS)).isPresent();
		}
		assertThat(this.queries).hasSize(3).allSatisfy(keys -> assertThat(keys).hasSizeLessThanOrEqualTo(2));
	}

	@Test
	void givesEveryCallerInABatchItsQuerysFailureAndReadsTheNextBatchAfresh() throws Exception {
		Function<Set<String>, Map<String, String>> failingFirst = keys -> {
			boolean first = this.queries.isEmpty();
			Map<String, String> rows = rowsOf(keys);
			if (first) {
				throw new DataAccessResourceFailureException("every connection busy");
			}
			return rows;
		};
		Batches<String, String> reads = new Batches<>(failingFirst, 10);
		FutureTask<Optional<String>> first = start(() -> reads.find("a"));
		Concurrently.await(this.firstQueryStarted);
		FutureTask<Optional<String>> second = Concurrently.waiting(() -> reads.find("b"));
		this.firstQueryMayEnd.countDown();

		assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
			.hasCauseInstanceOf(DataAccessResourceFailureException.class);
		assertThat(second.get(10, TimeUnit.SECONDS)).contains("row b");
		assertThat(reads.find("a")).contains("row a");
	}

	/** Rows for every key but "nobody"; the first query waits until let go. */
	private Map<String, String> rowsOf(Set<String> keys) {
		this.queries.add(Set.copyOf(keys));
		if (this.queries.size() == 1) {
			this.firstQueryStarted.countDown();
			Concurrently.await(this.firstQueryMayEnd);
		}
		Map<String, String> rows = new HashMap<>();
		keys.stream().filter(key -> !key.equals("nobody")).forEach(key -> rows.put(key, "row " + key));
		return rows;
	}

	private static <T> FutureTask<T> start(java.util.concurrent.Callable<T> call) {
		FutureTask<T> task = new FutureTask<>(call);
		Thread.ofPlatform().daemon().start(task);
		return task;
	}

}

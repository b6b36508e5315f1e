package io.microdrops.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs tasks at the same moment, each on its own virtual thread held at a start line, and
 * collects their results in order: the shape of a race a test wants the database to win.
 */
public final class Concurrently {

	private Concurrently() {
	}

	/**
	 * Runs one task {@code count} times at once.
	 * @param <T> the result type
	 * @param count how many runs
	 * @param task the task, given the run's index from 0
	 * @return the results, by index
	 * @throws Exception the first failure of a task, wrapped as the executor reports it
	 */
	public static <T> List<T> run(int count, Task<T> task) throws Exception {
		List<Callable<T>> tasks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = i;
			tasks.add(() -> task.run(index));
		}
		return all(tasks);
	}

	/**
	 * Runs different tasks at once.
	 * @param <T> the result type
	 * @param tasks the tasks
	 * @return their results, in the tasks' order
	 * @throws Exception the first failure of a task, wrapped as the executor reports it
	 */
	public static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Callable<T> task : tasks) {
				futures.add(pool.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
	}

	/**
	 * A task that knows which run it is.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	public interface Task<T> {

		/**
		 * Runs once.
		 * @param index the run's index, from 0
		 * @return the result
		 * @throws Exception when the run fails
		 */
		T run(int index) throws Exception;

	}

}

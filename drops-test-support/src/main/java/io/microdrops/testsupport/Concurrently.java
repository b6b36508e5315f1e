package io.microdrops.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

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
	 * Starts a call on a thread of its own and returns once that thread waits (parked,
	 * say for a read another call is making), so a test can let that other call finish
	 * knowing this one is already waiting for it.
	 * @param <T> the result type
	 * @param call the call
	 * @return the call's outcome, to {@code get} later
	 * @throws AssertionError when the call neither waits nor ends within 10 seconds
	 */
	public static <T> FutureTask<T> waiting(Callable<T> call) {
		FutureTask<T> task = new FutureTask<>(call);
		Thread thread = Thread.ofPlatform().daemon().start(task);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (thread.getState() != Thread.State.WAITING && !task.isDone()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The call never waited");
			}
			Thread.onSpinWait();
		}
		return task;
	}

	/**
	 * Waits for a latch, at most 10 seconds.
	 * @param latch the latch
	 * @throws AssertionError when it is not counted down in time
	 */
	public static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("Timed out waiting for a latch");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
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

package io.microdrops.faults;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every operation the harness's clients sent, with its outcome, in the order the answers
 * came: kept in memory for the checks and written as one JSON object a line
 * ({@code history.jsonl}) for a person to read afterwards.
 */
final class History implements AutoCloseable {

	/** What became of a request. */
	enum Outcome {

		/** A 2xx answer. */
		OK,
		/** A 4xx answer: sold out, hold gone, declined, over the limit. */
		REFUSED,
		/** 503 or 429 with a problem body: try again later. */
		UNAVAILABLE,
		/** Another 5xx: a product bug. */
		SERVER_ERROR,
		/** No answer: the connection was refused or broke. */
		NO_ANSWER,
		/** The client gave up waiting. */
		TIMEOUT

	}

	/**
	 * One request and its answer.
	 *
	 * @param scenario the scenario it belongs to
	 * @param op what was asked (reserve, order, release, probe-reserve, ...)
	 * @param node the node it was sent to
	 * @param fan the fan's number
	 * @param key the Idempotency-Key sent, or empty
	 * @param startedAt when it was sent (ms since the harness started)
	 * @param millis how long until the answer or the failure
	 * @param timeoutMillis the client timeout it was sent with
	 * @param status the HTTP status, 0 without an answer
	 * @param outcome what became of it
	 * @param problem the problem type of a refusal, the content type when it had no
	 * problem body
	 * @param id the reservation's or order's id from a 2xx answer
	 * @param reservation the reservation the request was about, when it is known
	 * @param nodeDown whether the node was down on purpose when it was sent or answered
	 */
	record Op(String scenario, String op, String node, int fan, String key, long startedAt, long millis,
			long timeoutMillis, int status, Outcome outcome, String problem, String id, String reservation,
			boolean nodeDown) {

		String json() {
			return "{\"scenario\":\"%s\",\"op\":\"%s\",\"node\":\"%s\",\"fan\":%d,\"key\":\"%s\",\"startedAt\":%d,\"millis\":%d,\"timeoutMillis\":%d,\"status\":%d,\"outcome\":\"%s\",\"problem\":\"%s\",\"id\":\"%s\",\"reservation\":\"%s\",\"nodeDown\":%s}"
				.formatted(this.scenario, this.op, this.node, this.fan, this.key, this.startedAt, this.millis,
						this.timeoutMillis, this.status, this.outcome, clean(this.problem), clean(this.id),
						clean(this.reservation), this.nodeDown);
		}

		private static String clean(String value) {
			return (value != null) ? value.replaceAll("[\"\\\\\\p{Cntrl}]", "") : "";
		}

	}

	private final List<Op> ops = new ArrayList<>();

	private final BufferedWriter out;

	History(Path file) throws IOException {
		this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
	}

	synchronized void add(Op op) {
		this.ops.add(op);
		try {
			this.out.write(op.json());
			this.out.newLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	synchronized List<Op> of(String scenario) {
		return this.ops.stream().filter(op -> op.scenario().equals(scenario)).toList();
	}

	synchronized List<Op> all() {
		return new ArrayList<>(this.ops);
	}

	@Override
	public synchronized void close() throws IOException {
		this.out.close();
	}

}

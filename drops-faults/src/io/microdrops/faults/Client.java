package io.microdrops.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fans' HTTP client: JSON API calls with a personal API token, each bounded by a
 * client timeout, each noted in the {@link History} with its outcome.
 */
final class Client {

	private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*/([^\"/]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private final History history;

	private final long epoch;

	Client(History history, long epoch) {
		this.history = history;
		this.epoch = epoch;
	}

	/**
	 * Sends one call and notes it.
	 * @param call what to send
	 * @return the answer; status 0 when there was none
	 */
	Answer send(Call call) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.node().baseUrl() + call.path()))
			.timeout(call.timeout())
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + call.token());
		if (call.key() != null) {
			request.header("Idempotency-Key", call.key());
		}
		if (call.body() != null) {
			request.header("Content-Type", "application/json")
				.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
		}
		else {
			request.method(call.method(), HttpRequest.BodyPublishers.noBody());
		}
		boolean nodeDown = call.node().expectedDown();
		long sent = System.nanoTime();
		Answer answer;
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			answer = answer(response);
		}
		catch (HttpTimeoutException ex) {
			answer = new Answer(0, "", null, History.Outcome.TIMEOUT, "client-timeout", null);
		}
		catch (IOException ex) {
			answer = new Answer(0, "", null, History.Outcome.NO_ANSWER, ex.getClass().getSimpleName(), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			answer = new Answer(0, "", null, History.Outcome.NO_ANSWER, "interrupted", null);
		}
		long millis = Duration.ofNanos(System.nanoTime() - sent).toMillis();
		this.history.add(new History.Op(call.scenario(), call.op(), call.node().name(), call.fan(),
				(call.key() != null) ? call.key() : "", (sent - this.epoch) / 1_000_000, millis,
				call.timeout().toMillis(), answer.status(), answer.outcome(), answer.problem(), answer.id(),
				call.reservation(), nodeDown || call.node().expectedDown()));
		return answer;
	}

	private static Answer answer(HttpResponse<String> response) {
		int status = response.statusCode();
		String body = response.body();
		String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
		if (status >= 200 && status < 300) {
			return new Answer(status, body, retryAfter, History.Outcome.OK, "", field(body, "id"));
		}
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		// A clear refusal: problem+json with a type, a title and a detail.
		Matcher type = PROBLEM_TYPE.matcher(body);
		String problem = (contentType.startsWith("application/problem+json") && type.find()
				&& body.contains("\"title\"") && body.contains("\"detail\"")) ? type.group(1)
						: "unclear:" + contentType;
		History.Outcome outcome = switch (status) {
			case 429, 503 -> History.Outcome.UNAVAILABLE;
			default -> (status >= 500) ? History.Outcome.SERVER_ERROR : History.Outcome.REFUSED;
		};
		return new Answer(status, body, retryAfter, outcome, problem, null);
	}

	static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		return matcher.find() ? matcher.group(1) : null;
	}

	/**
	 * One call.
	 *
	 * @param scenario the scenario
	 * @param op what it is, for the history
	 * @param node where to send it
	 * @param fan the fan's number
	 * @param token the fan's API token
	 * @param method the HTTP method
	 * @param path the path
	 * @param body the JSON body, or {@code null}
	 * @param key the Idempotency-Key, or {@code null}
	 * @param reservation the reservation it is about, or {@code null}
	 * @param timeout the client timeout
	 */
	record Call(String scenario, String op, Node node, int fan, String token, String method, String path, String body,
			String key, String reservation, Duration timeout) {
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status, 0 without one
	 * @param body the body
	 * @param retryAfter the Retry-After header, or {@code null}
	 * @param outcome what became of the call
	 * @param problem the problem type of a refusal
	 * @param id the {@code id} of a 2xx answer's body
	 */
	record Answer(int status, String body, String retryAfter, History.Outcome outcome, String problem, String id) {

		boolean ok() {
			return this.outcome == History.Outcome.OK;
		}

		/** Worth sending again (same key): no answer, or "try again later". */
		boolean retry() {
			return this.outcome == History.Outcome.NO_ANSWER || this.outcome == History.Outcome.TIMEOUT
					|| this.outcome == History.Outcome.UNAVAILABLE;
		}

	}

}

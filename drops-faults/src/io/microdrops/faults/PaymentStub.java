package io.microdrops.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local payment provider that speaks the part of Stripe's API the app uses (create and
 * confirm a PaymentIntent, refund it), on loopback, so that it can be made slow or
 * failing on purpose. Like Stripe it keeps the first answer per {@code Idempotency-Key}
 * (the app sends the reservation id) and gives it again to a retry, so a reservation is
 * charged at most once; a request arriving while the first one with its key is still
 * being answered waits for that answer. The payment method {@code pm_card_chargeDeclined}
 * is declined, as Stripe's test card of that name.
 */
final class PaymentStub {

	static final String DECLINED = "pm_card_chargeDeclined";

	/** How the provider behaves right now. */
	enum Mode {

		/** Answers at once. */
		HEALTHY,
		/** Answers after {@link PaymentStub#delayMillis}. */
		SLOW,
		/** Answers 500 (Stripe's api_error) to every new charge. */
		FAILING

	}

	private final HttpServer server;

	private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();

	private final Map<String, String> reservationByIntent = new ConcurrentHashMap<>();

	private final Map<String, String> refunds = new ConcurrentHashMap<>();

	private final AtomicInteger intents = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private volatile Mode mode = Mode.HEALTHY;

	private volatile long delayMillis = 3000;

	PaymentStub(int port) throws IOException {
		this.server = bind(port);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/v1/payment_intents", this::paymentIntents);
		this.server.createContext("/v1/refunds", this::refunds);
		this.server.start();
	}

	/** Binds the given port, or any free one when it is taken: only the nodes call it. */
	private static HttpServer bind(int port) throws IOException {
		try {
			return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
		}
		catch (BindException ex) {
			return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	void mode(Mode mode, long delayMillis) {
		this.mode = mode;
		this.delayMillis = delayMillis;
	}

	/** Charge requests received, retries included. */
	int requests() {
		return this.requests.get();
	}

	/** Charge requests answered with an error on purpose. */
	int failed() {
		return this.failed.get();
	}

	/** PaymentIntents created (at most one per idempotency key). */
	int intents() {
		return this.intents.get();
	}

	/** The reservation each created PaymentIntent was for. */
	Map<String, String> reservationByIntent() {
		return Map.copyOf(this.reservationByIntent);
	}

	/** The PaymentIntents refunded, with the refund's id. */
	Map<String, String> refunds() {
		return Map.copyOf(this.refunds);
	}

	void stop() {
		this.server.stop(0);
	}

	private void paymentIntents(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		Map<String, String> form = form(exchange);
		String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		Mode now = this.mode;
		try {
			if (now == Mode.SLOW) {
				TimeUnit.MILLISECONDS.sleep(this.delayMillis);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (now == Mode.FAILING) {
			// Stripe does not keep the answer of a request that failed on its side.
			this.failed.incrementAndGet();
			send(exchange, new Answer(500, """
					{"error": {"type": "api_error", "message": "The payment provider is failing (fault harness)."}}"""));
			return;
		}
		CompletableFuture<Answer> mine = new CompletableFuture<>();
		CompletableFuture<Answer> first = (key != null) ? this.answers.putIfAbsent(key, mine) : null;
		if (first != null) {
			send(exchange, first.join());
			return;
		}
		Answer answer;
		if (DECLINED.equals(form.get("payment_method"))) {
			answer = new Answer(402, """
					{"error": {"type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
					 "message": "Your card was declined.", "param": ""}}""");
		}
		else {
			String intent = "pi_faults_" + this.intents.incrementAndGet();
			String reservation = form.getOrDefault("metadata[reservation_id]", "");
			this.reservationByIntent.put(intent, reservation);
			answer = new Answer(200, """
					{"id": "%s", "object": "payment_intent", "amount": %s, "currency": "%s", "status": "succeeded",
					 "livemode": false, "metadata": {"reservation_id": "%s"}}""".formatted(intent,
					form.getOrDefault("amount", "0"), form.getOrDefault("currency", "gbp"), reservation));
		}
		mine.complete(answer);
		send(exchange, answer);
	}

	private void refunds(HttpExchange exchange) throws IOException {
		Map<String, String> form = form(exchange);
		String intent = form.getOrDefault("payment_intent", "");
		String refund = this.refunds.computeIfAbsent(intent, ignored -> "re_faults_" + this.refunds.size());
		send(exchange, new Answer(200, """
				{"id": "%s", "object": "refund", "payment_intent": "%s", "status": "succeeded"}""".formatted(refund,
				intent)));
	}

	private static Map<String, String> form(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static void send(HttpExchange exchange, Answer answer) throws IOException {
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Request-Id", "req_faults");
		exchange.sendResponseHeaders(answer.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private record Answer(int status, String body) {
	}

}

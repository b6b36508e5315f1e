package io.microdrops.api;

import java.util.Map;

import io.microdrops.checkout.InvalidWebhookSignatureException;
import io.microdrops.checkout.PaymentUnavailableException;
import io.microdrops.checkout.StripeWebhooks;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives Stripe's webhooks. Only a payload whose {@code Stripe-Signature} verifies with
 * the endpoint's signing secret is accepted; everything else is a 400, and with the demo
 * provider the endpoint does not exist (404). Payment events bring the order's payment
 * status up to date; a redelivered event changes nothing.
 */
@RestController
class StripeWebhookApi {

	private static final Log logger = LogFactory.getLog(StripeWebhookApi.class);

	private final ObjectProvider<StripeWebhooks> webhooks;

	StripeWebhookApi(ObjectProvider<StripeWebhooks> webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping("/api/v1/payments/stripe/webhook")
	ResponseEntity<Object> receive(@RequestBody String payload,
			@RequestHeader(name = "Stripe-Signature", required = false) String signature) {
		StripeWebhooks verifier = this.webhooks.getIfAvailable();
		if (verifier == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
						"Stripe is not the payment provider of this shop."));
		}
		try {
			StripeWebhooks.Outcome outcome = verifier.receive(payload, signature);
			return ResponseEntity.ok(Map.of("received", true, "outcome", outcome.name()));
		}
		catch (InvalidWebhookSignatureException ex) {
			ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-signature",
					"Invalid signature", "The Stripe-Signature header does not match this payload.");
			return ResponseEntity.badRequest().body(problem);
		}
		catch (PaymentUnavailableException ex) {
			// Stripe delivers the event again later, when its API may answer.
			logger.warn("Stripe event not handled now: " + ex.getMessage());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "60")
				.body(ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "payments-unavailable",
						"Payments unavailable",
						"Stripe could not be asked where this payment stands; try again later."));
		}
	}

}

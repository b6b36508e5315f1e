package io.microdrops.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Stripe's webhook over HTTP, with the shop set up for Stripe: anonymous and without a
 * CSRF token, as Stripe calls it, but only a correctly signed payload is accepted.
 */
@SpringBootTest(properties = { "drops.payments.provider=stripe", "drops.payments.stripe.secret-key=sk_test_unused",
		"drops.payments.stripe.webhook-secret=" + StripeWebhookIntegrationTests.SECRET })
@AutoConfigureMockMvc
class StripeWebhookIntegrationTests {

	static final String SECRET = "whsec_test_secret";

	static final String EVENT = """
			{"id":"evt_test_1","object":"event","api_version":"2024-06-20","type":"payment_intent.succeeded",
			 "data":{"object":{"id":"pi_test_1","object":"payment_intent","status":"succeeded"}}}""";

	@Autowired
	MockMvc mvc;

	@Test
	void acceptsAPayloadSignedWithTheEndpointsSecret() throws Exception {
		this.mvc
			.perform(post("/api/v1/payments/stripe/webhook").contentType(MediaType.APPLICATION_JSON)
				.header("Stripe-Signature", signature(EVENT, SECRET, Instant.now()))
				.content(EVENT))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.received").value(true))
			.andExpect(jsonPath("$.outcome").value("NO_ORDER"));
	}

	@Test
	void refusesAForgedOrStaleSignatureAndAMissingOne() throws Exception {
		this.mvc
			.perform(post("/api/v1/payments/stripe/webhook").contentType(MediaType.APPLICATION_JSON)
				.header("Stripe-Signature", signature(EVENT, "whsec_someone_else", Instant.now()))
				.content(EVENT))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid signature"));
		this.mvc
			.perform(post("/api/v1/payments/stripe/webhook").contentType(MediaType.APPLICATION_JSON)
				.header("Stripe-Signature", signature(EVENT, SECRET, Instant.now().minusSeconds(3600)))
				.content(EVENT))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/api/v1/payments/stripe/webhook").contentType(MediaType.APPLICATION_JSON).content(EVENT))
			.andExpect(status().isBadRequest());
	}

	static String signature(String payload, String secret, Instant at) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signed = at.getEpochSecond() + "." + payload;
		return "t=" + at.getEpochSecond() + ",v1="
				+ HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
	}

}

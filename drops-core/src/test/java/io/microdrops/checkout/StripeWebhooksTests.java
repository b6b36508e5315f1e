package io.microdrops.checkout;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.stripe.model.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook signatures made here the way Stripe makes them: {@code t=<unix seconds>},
 * {@code v1=<hex HMAC-SHA256 of "<t>.<payload>" keyed with the endpoint secret>}.
 */
class StripeWebhooksTests {

	private static final String SECRET = "whsec_drops_test_secret";

	private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

	private final StripeWebhooks webhooks = new StripeWebhooks(SECRET, Clock.fixed(NOW, ZoneOffset.UTC), null);

	private final String payload = StripePaymentProviderTests.json("event-payment-intent-succeeded.json");

	@Test
	void acceptsAnEventSignedWithTheEndpointSecret() {
		Event event = this.webhooks.verify(this.payload, header(NOW, this.payload, SECRET));

		assertThat(event.getId()).isEqualTo("evt_3QdropsSucceeded0001");
		assertThat(event.getType()).isEqualTo("payment_intent.succeeded");
	}

	@Test
	void acceptsAHeaderThatAlsoCarriesASignatureWithAnOldSecretDuringRotation() {
		String rotating = "t=" + NOW.getEpochSecond() + ",v1=" + signature(NOW, this.payload, "whsec_old") + ",v1="
				+ signature(NOW, this.payload, SECRET);

		assertThat(this.webhooks.verify(this.payload, rotating).getId()).isEqualTo("evt_3QdropsSucceeded0001");
	}

	@Test
	void refusesAnEventSignedWithAnotherSecret() {
		assertThatThrownBy(() -> this.webhooks.verify(this.payload, header(NOW, this.payload, "whsec_someone_else")))
			.isInstanceOf(InvalidWebhookSignatureException.class);
	}

	@Test
	void refusesAPayloadChangedAfterSigning() {
		String signed = header(NOW, this.payload, SECRET);
		String tampered = this.payload.replace("\"amount\": 2400", "\"amount\": 1");

		assertThatThrownBy(() -> this.webhooks.verify(tampered, signed))
			.isInstanceOf(InvalidWebhookSignatureException.class);
	}

	@Test
	void refusesASignatureOlderThanFiveMinutesSoRecordedCallsCannotBeReplayed() {
		Instant stale = NOW.minusSeconds(301);

		assertThatThrownBy(() -> this.webhooks.verify(this.payload, header(stale, this.payload, SECRET)))
			.isInstanceOf(InvalidWebhookSignatureException.class)
			.hasMessageContaining("tolerance");
	}

	@Test
	void refusesAMissingOrMalformedSignatureHeader() {
		assertThatThrownBy(() -> this.webhooks.verify(this.payload, null))
			.isInstanceOf(InvalidWebhookSignatureException.class);
		assertThatThrownBy(() -> this.webhooks.verify(this.payload, "v1=deadbeef"))
			.isInstanceOf(InvalidWebhookSignatureException.class);
	}

	@Test
	void refusesEveryCallWhenNoWebhookSecretIsConfigured() {
		StripeWebhooks unconfigured = new StripeWebhooks("", Clock.fixed(NOW, ZoneOffset.UTC), null);

		assertThatThrownBy(() -> unconfigured.verify(this.payload, header(NOW, this.payload, "")))
			.isInstanceOf(InvalidWebhookSignatureException.class);
	}

	private static String header(Instant timestamp, String payload, String secret) {
		return "t=" + timestamp.getEpochSecond() + ",v1=" + signature(timestamp, payload, secret);
	}

	private static String signature(Instant timestamp, String payload, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			// An empty key is not allowed by the JDK; any key stands in for "no secret".
			byte[] key = (secret.isEmpty() ? "-" : secret).getBytes(StandardCharsets.UTF_8);
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] digest = mac.doFinal((timestamp.getEpochSecond() + "." + payload).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

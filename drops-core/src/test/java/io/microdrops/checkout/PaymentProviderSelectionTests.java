package io.microdrops.checkout;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which payments provider {@code drops.payments.provider} selects.
 */
class PaymentProviderSelectionTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(DemoPaymentProvider.class, StripePaymentProvider.class, StripeWebhooks.class);

	@Test
	void usesTheDemoProviderWhenNoneIsChosen() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PaymentProvider.class);
			assertThat(context.getBean(PaymentProvider.class)).isInstanceOf(DemoPaymentProvider.class);
			assertThat(context).doesNotHaveBean(StripeWebhooks.class);
		});
	}

	@Test
	void usesStripeAndItsWebhooksWhenChosen() {
		this.runner
			.withPropertyValues("drops.payments.provider=stripe", "drops.payments.stripe.secret-key=sk_test_drops",
					"drops.payments.stripe.webhook-secret=whsec_drops")
			.run((context) -> {
				assertThat(context).hasSingleBean(PaymentProvider.class);
				assertThat(context.getBean(PaymentProvider.class).name()).isEqualTo("Stripe");
				assertThat(context).hasSingleBean(StripeWebhooks.class);
			});
	}

	@Test
	void refusesToStartStripeWithoutASecretKey() {
		this.runner.withPropertyValues("drops.payments.provider=stripe")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("drops.payments.stripe.secret-key"));
	}

}

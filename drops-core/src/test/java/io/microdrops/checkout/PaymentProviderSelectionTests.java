package io.microdrops.checkout;

import java.time.Clock;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which payments provider {@code drops.payments.provider} selects.
 */
class PaymentProviderSelectionTests {

	// Stripe's event handling needs a database; none is reached while only selecting.
	private static final DataSource UNUSED = new SimpleDriverDataSource();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(DemoPaymentProvider.class, StripePaymentProvider.class, StripeWebhooks.class,
				StripePaymentEvents.class)
		.withBean(JdbcClient.class, () -> JdbcClient.create(UNUSED))
		.withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(UNUSED))
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void usesTheDemoProviderWhenNoneIsChosen() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PaymentProvider.class);
			assertThat(context.getBean(PaymentProvider.class)).isInstanceOf(DemoPaymentProvider.class);
			assertThat(context).doesNotHaveBean(StripeWebhooks.class);
			assertThat(context).doesNotHaveBean(StripePaymentEvents.class);
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
				assertThat(context).hasSingleBean(StripePaymentEvents.class);
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

package io.microdrops.demo;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode's past: a believable year of drops in the demo communities (and a few more),
 * with fans who come back, page views, waitlists, orders and pickups, so the dashboards
 * have something to show at once. Made once, at the first start, after the demo shop;
 * {@code drops.demo.history.*} sets its size (the full size — 100,000 fans, a million
 * orders — is how the dashboards are benchmarked).
 */
@Component
@Order(20)
@ConditionalOnBooleanProperty("drops.demo.enabled")
class DemoHistory implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoHistory.class);

	private final HistoryGenerator generator;

	private final HistorySize size;

	private final boolean enabled;

	DemoHistory(HistoryGenerator generator, @Value("${drops.demo.history.enabled:true}") boolean enabled,
			@Value("${drops.demo.history.communities:4}") int communities,
			@Value("${drops.demo.history.fans:800}") int fans, @Value("${drops.demo.history.orders:6000}") int orders,
			@Value("${drops.demo.history.months:12}") int months, @Value("${drops.demo.history.seed:7}") long seed) {
		this.generator = generator;
		this.enabled = enabled;
		this.size = new HistorySize(communities, fans, orders, months, seed);
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.enabled || this.generator.generatedAlready()) {
			return;
		}
		HistoryGenerator.Report report = this.generator.generate(this.size);
		logger.info("Demo history created in " + report.took().toMillis() + " ms: " + report.communities()
				+ " communities, " + report.fans() + " fans, " + report.drops() + " past drops, " + report.orders()
				+ " orders, " + report.views() + " story page visitors");
	}

}

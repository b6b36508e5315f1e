package io.microdrops.drop;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DropConfiguration {

	/**
	 * Until a stock source is present, every released unit is available.
	 */
	@Bean
	@ConditionalOnMissingBean
	DropStock releasedQuantityAsStock() {
		return DropItem::quantity;
	}

}

package io.microdrops.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI dropsApi() {
		return new OpenAPI().info(new Info().title("Drops API")
			.version("v1")
			.description("Drops, communities, SKUs, waitlists, reservations and orders. Errors are RFC 9457 "
					+ "problem details; mutating calls from a browser session need the X-CSRF-TOKEN header.")
			.license(new License().name("Apache-2.0")));
	}

}

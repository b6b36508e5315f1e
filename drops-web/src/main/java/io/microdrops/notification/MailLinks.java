package io.microdrops.notification;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Absolute links for mail, which is read outside any request: under
 * {@code drops.mail.base-url}, or else this node's own address on localhost (fine for a
 * trial run, wrong for a real shop, which sets the property).
 */
@Component
public class MailLinks {

	private final Environment environment;

	MailLinks(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Returns the absolute address of a path of this shop.
	 * @param path the path, starting with a slash
	 * @return the absolute URL
	 */
	public String absolute(String path) {
		return baseUrl() + path;
	}

	private String baseUrl() {
		String configured = this.environment.getProperty("drops.mail.base-url");
		if (StringUtils.hasText(configured)) {
			return configured.replaceAll("/+$", "");
		}
		// Read at each use: the server's port is known only once it has started.
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		return "http://localhost:" + port;
	}

}

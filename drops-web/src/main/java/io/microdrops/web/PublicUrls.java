package io.microdrops.web;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The shop's public address, for links that leave the shop: social cards, canonical
 * links, the sitemap, calendar feeds. It is {@code drops.public-base-url}; unset, the
 * mail base address ({@code drops.mail.base-url}); unset too, the address the current
 * request came to (fine for a trial, but a real shop sets the property so links never
 * depend on a request's Host header).
 */
@Component
public class PublicUrls {

	private final Environment environment;

	PublicUrls(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Returns the shop's address without a trailing slash.
	 * @return for example {@code https://drops.example.com}
	 */
	public String baseUrl() {
		for (String property : new String[] { "drops.public-base-url", "drops.mail.base-url" }) {
			String configured = this.environment.getProperty(property);
			if (StringUtils.hasText(configured)) {
				return configured.strip().replaceAll("/+$", "");
			}
		}
		if (RequestContextHolder.getRequestAttributes() != null) {
			return ServletUriComponentsBuilder.fromCurrentContextPath().replacePath(null).build().toUriString();
		}
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		return "http://localhost:" + port;
	}

	/**
	 * Returns the absolute address of a path of this shop.
	 * @param path the path, starting with a slash
	 * @return the absolute URL
	 */
	public String absolute(String path) {
		return baseUrl() + path;
	}

	/**
	 * Returns the {@code webcal:} address of a path, which calendar apps open as a
	 * subscription.
	 * @param path the path, starting with a slash
	 * @return for example {@code webcal://drops.example.com/communities/x/drops.ics}
	 */
	public String webcal(String path) {
		String base = baseUrl();
		return "webcal" + base.substring(base.indexOf("://")) + path;
	}

}

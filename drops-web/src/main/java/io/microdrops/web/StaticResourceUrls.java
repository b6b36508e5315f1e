package io.microdrops.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Rewrites the links of pages to static files into their versioned form
 * ({@code /css/drops.css} to {@code /css/drops-<hash>.css}, webjars to their version), as
 * Spring's {@link ResourceUrlEncodingFilter} does, but asks the resource chain only about
 * links that name a file. Spring's filter asks about every link a page carries, and for a
 * page link such as {@code /drops/brass-keycaps} that is a miss it does not remember: a
 * search through every jar of the packaged application, many times per page view.
 * Extending {@link ResourceUrlEncodingFilter} keeps Spring Boot from registering its own.
 */
@Component
class StaticResourceUrls extends ResourceUrlEncodingFilter {

	private final ResourceUrlProvider resources;

	StaticResourceUrls(ResourceUrlProvider resources) {
		this.resources = resources;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse page)) {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(request, new HttpServletResponseWrapper(page) {

			@Override
			public String encodeURL(String url) {
				if (namesAFile(url)) {
					String versioned = StaticResourceUrls.this.resources.getForRequestUrl(http, url);
					if (versioned != null) {
						return super.encodeURL(versioned);
					}
				}
				return super.encodeURL(url);
			}

		});
	}

	/**
	 * Tells whether a link's path ends in a file name with an extension, like drops.css.
	 */
	static boolean namesAFile(String url) {
		int end = url.length();
		for (int i = 0; i < url.length(); i++) {
			char c = url.charAt(i);
			if (c == '?' || c == '#') {
				end = i;
				break;
			}
		}
		int slash = url.lastIndexOf('/', end - 1);
		int dot = url.lastIndexOf('.', end - 1);
		return dot > slash + 1 && dot < end - 1;
	}

}

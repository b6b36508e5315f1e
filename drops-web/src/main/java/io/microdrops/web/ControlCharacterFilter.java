package io.microdrops.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose query or form fields (or upload file names) carry
 * {@link ControlCharacters control characters} with 400, before any controller sees them:
 * the error page for pages, a problem for the JSON API (whose bodies
 * {@link PrintableJsonStrings} checks). Runs after the security filters, so an
 * unauthorised request is still refused as such.
 */
@Component
class ControlCharacterFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (carriesControlCharacters(request.getParameterMap()) || namesFileWithControlCharacters(request)) {
			if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
				ApiSecurityProblems.controlCharacters(response);
			}
			else {
				response.sendError(HttpStatus.BAD_REQUEST.value());
			}
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * An upload's file name, e.g. {@code evil.png\0.html}, which the container refuses to
	 * read.
	 */
	private static boolean namesFileWithControlCharacters(HttpServletRequest request) {
		String type = request.getContentType();
		if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
			return false;
		}
		try {
			for (Part part : request.getParts()) {
				if (ControlCharacters.in(part.getHeader(HttpHeaders.CONTENT_DISPOSITION))) {
					return true;
				}
			}
			return false;
		}
		catch (IOException | ServletException | IllegalStateException ex) {
			// Not readable as parts (size limits): left to the multipart handling, which
			// answers it.
			return false;
		}
		catch (RuntimeException ex) {
			// The container refuses to read a part's name (control characters in it).
			return true;
		}
	}

	private static boolean carriesControlCharacters(Map<String, String[]> parameters) {
		return parameters.entrySet()
			.stream()
			.anyMatch(parameter -> ControlCharacters.in(parameter.getKey())
					|| Arrays.stream(parameter.getValue()).anyMatch(ControlCharacters::in));
	}

}

package io.microdrops.admin.catalog;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends an upload to the story editor that breaks the multipart size limits back to the
 * editor with a message. The servlet container refuses such a request when its parameters
 * are first read, which happens in the CSRF check, before any controller could explain;
 * so this runs ahead of security, only for story uploads, and does nothing but redirect:
 * the redirect target still needs a signed-in merchandiser.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
class UploadLimitFilter extends OncePerRequestFilter {

	static final String TOO_LARGE = "too-large";

	private static final Pattern STORY_UPLOAD = Pattern.compile("^/admin/skus/([a-z0-9-]{2,60})/story/.+$");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return !"POST".equals(request.getMethod()) || contentType == null
				|| !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
				|| !STORY_UPLOAD.matcher(pathOf(request)).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			request.getParameterMap();
		}
		catch (RuntimeException ex) {
			if (!isSizeLimit(ex)) {
				// The container could not read the upload at all (e.g. a file name with
				// control characters): a bad request, not a server error.
				response.sendError(HttpServletResponse.SC_BAD_REQUEST);
				return;
			}
			Matcher upload = STORY_UPLOAD.matcher(pathOf(request));
			upload.matches();
			response.sendRedirect(
					request.getContextPath() + "/admin/skus/" + upload.group(1) + "/story?upload=" + TOO_LARGE);
			return;
		}
		chain.doFilter(request, response);
	}

	private static String pathOf(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	/** The same test Spring's multipart support applies to the container's message. */
	private static boolean isSizeLimit(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && message.toLowerCase(Locale.ROOT).contains("size")
					&& message.toLowerCase(Locale.ROOT).contains("exceed")) {
				return true;
			}
		}
		return false;
	}

}

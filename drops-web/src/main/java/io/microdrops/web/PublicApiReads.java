package io.microdrops.web;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The JSON API's public reads: the list of drops and one drop. Their answers are the same
 * for every caller and cacheable by anyone ({@code Cache-Control: public}), so, like a
 * CDN in front of Drops would, a node answers them without looking at credentials.
 */
final class PublicApiReads {

	private static final Pattern ONE_DROP = Pattern.compile("/api/v1/drops/[^/]+");

	private PublicApiReads() {
	}

	/**
	 * Tells whether a request is a public read.
	 * @param request the request
	 * @return whether it reads the list of drops or one drop
	 */
	static boolean isPublicRead(HttpServletRequest request) {
		String path = path(request);
		return isRead(request) && ("/api/v1/drops".equals(path) || ONE_DROP.matcher(path).matches());
	}

	/**
	 * Tells whether a request reads one drop: that answer is kept in memory per node
	 * ({@code SharedDropJson}) and needs no database work once read.
	 * @param request the request
	 * @return whether it reads one drop
	 */
	static boolean isOneDrop(HttpServletRequest request) {
		return isRead(request) && ONE_DROP.matcher(path(request)).matches();
	}

	private static boolean isRead(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}

package io.microdrops.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a request the security firewall refuses (a path with {@code ..}, an encoded
 * slash or other characters no Drops address has) with 400: the error page for pages, a
 * problem for the JSON API.
 */
@Component
class RequestRejections implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			ApiSecurityProblems.malformedAddress(response);
		}
		else {
			response.sendError(HttpStatus.BAD_REQUEST.value());
		}
	}

}

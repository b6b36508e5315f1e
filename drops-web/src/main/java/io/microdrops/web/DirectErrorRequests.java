package io.microdrops.web;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a visitor who asks for {@code /error} directly with 404: the error page is only
 * meant to render errors the container forwards to it, and without one it would report a
 * server error for a request that did nothing wrong.
 */
@Component
class DirectErrorRequests extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getDispatcherType() != DispatcherType.REQUEST
				|| !request.getRequestURI().equals(request.getContextPath() + "/error");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

}

package io.microdrops.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;

/**
 * The error answer for a caller that does not ask for a page (a script posting the
 * sign-in form, say): an RFC 9457 problem, as everywhere on the JSON API, in place of
 * Spring Boot's own JSON. Browsers still get the error pages; nothing of the request is
 * echoed but its path.
 */
@Controller
class ErrorAnswers extends BasicErrorController {

	ErrorAnswers(ErrorAttributes attributes, WebProperties web, ObjectProvider<ErrorViewResolver> pages) {
		super(attributes, web.getError(), pages.orderedStream().toList());
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		if (status == HttpStatus.NO_CONTENT) {
			return new ResponseEntity<>(status);
		}
		Map<String, Object> problem = new LinkedHashMap<>();
		Object retryAfter = request.getAttribute(RateLimitAnswers.RETRY_AFTER_SECONDS);
		if (status == HttpStatus.TOO_MANY_REQUESTS && retryAfter instanceof Long seconds) {
			problem.put("type", "https://microdrops.io/problems/rate-limited");
			problem.put("title", "Too many attempts");
			problem.put("status", status.value());
			problem.put("detail", ApiSecurityProblems.tryAgainIn(seconds));
		}
		else {
			problem.put("type", "about:blank");
			problem.put("title", status.getReasonPhrase());
			problem.put("status", status.value());
		}
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			problem.put("instance", path);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}

package io.microdrops.api;

import java.util.Locale;

import io.microdrops.draw.DrawRefusedException;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers draw refusals on the JSON API as problem details: a drop that is not shared out
 * by draw has no draw ({@code 404}); anything else is a state conflict ({@code 409}).
 */
@RestControllerAdvice(basePackages = "io.microdrops.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class DrawProblems {

	private final MessageSource messages;

	DrawProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(DrawRefusedException.class)
	ProblemDetail refused(DrawRefusedException ex) {
		String detail = this.messages.getMessage(ex.messageKey(), null, ex.messageKey(), Locale.ENGLISH);
		if ("draw.refused.not-a-draw".equals(ex.messageKey())) {
			return ApiProblems.problem(HttpStatus.NOT_FOUND, "no-draw", "This drop has no draw", detail);
		}
		return ApiProblems.problem(HttpStatus.CONFLICT, "draw-refused", "The draw refused the request", detail);
	}

}

package io.microdrops.api;

import java.util.Locale;

import io.microdrops.waitlist.WaitlistRefusedException;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers waitlist refusals on the JSON API as problem details: a drop that takes no
 * joins now (not announced, closed, shared out by draw) is a state conflict, {@code 409}.
 */
@RestControllerAdvice(basePackages = "io.microdrops.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class WaitlistProblems {

	private final MessageSource messages;

	WaitlistProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(WaitlistRefusedException.class)
	ProblemDetail refused(WaitlistRefusedException ex) {
		return ApiProblems.problem(HttpStatus.CONFLICT, "waitlist-closed", "The drop takes no waitlist joins now",
				this.messages.getMessage(ex.messageKey(), null, ex.messageKey(), Locale.ENGLISH));
	}

}

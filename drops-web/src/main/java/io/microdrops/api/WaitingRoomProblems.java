package io.microdrops.api;

import java.util.Locale;

import io.microdrops.waitingroom.WaitingRoomRefusedException;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers waiting-room refusals as problem details: a drop without a waiting room is
 * {@code 404} (there is no queue to find), one that is over or sold out a state conflict,
 * {@code 409}, a fan who has all one fan may have {@code 422 per-fan-limit}, as the
 * reserve answers it, and a fan who misses one of the drop's account requirements
 * {@code 403 account-requirement}, as the reserve answers it.
 */
@RestControllerAdvice(basePackages = "io.microdrops.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class WaitingRoomProblems {

	private final MessageSource messages;

	WaitingRoomProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(WaitingRoomRefusedException.class)
	ProblemDetail refused(WaitingRoomRefusedException ex) {
		String detail = this.messages.getMessage(ex.messageKey(), null, ex.messageKey(), Locale.ENGLISH);
		if (ex.missedRequirement() != null) {
			return CheckoutProblems.accountRequirement(ex.missedRequirement().name(), detail);
		}
		return switch (ex.messageKey()) {
			case "waitingroom.refused.none" ->
				ApiProblems.problem(HttpStatus.NOT_FOUND, "no-waiting-room", "No waiting room", detail);
			case "waitingroom.refused.at-limit" -> ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT,
					"per-fan-limit", "Over the per-fan limit", detail);
			case "waitingroom.refused.waitlist-only" ->
				ApiProblems.problem(HttpStatus.FORBIDDEN, "waitlist-only", "Only for the waitlist's members", detail);
			default -> ApiProblems.problem(HttpStatus.CONFLICT, "queue-closed", "The queue takes no one now", detail);
		};
	}

}

package io.microdrops.api;

import java.util.List;
import java.util.Locale;

import io.microdrops.preorder.PreorderRefusedException;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers pre-order refusals as problem details: 404 unknown drop, item or pre-order; 403
 * waitlist only; 409 for a drop that takes no pre-orders (now), every unit pre-ordered,
 * another open pre-order of the item, or one that can no longer be withdrawn; 422 over
 * the per-fan limit; 400 with the field for a wrong quantity, payment method or
 * fulfilment; 402 when the card's authorisation was declined (nothing written); 409 when
 * pre-orders open later because the payment provider's authorisation would not last until
 * the drop is settled.
 */
@RestControllerAdvice(basePackages = "io.microdrops.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class PreorderProblems {

	private final MessageSource messages;

	PreorderProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(PreorderRefusedException.class)
	ProblemDetail refused(PreorderRefusedException ex) {
		String detail = this.messages.getMessage("preorder.refused." + ex.reason().name(),
				new Object[] { (ex.detail() != null) ? ex.detail() : "" }, ex.reason().name(), Locale.ENGLISH);
		return switch (ex.reason()) {
			case NOT_FOUND -> ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
			case WAITLIST_ONLY ->
				ApiProblems.problem(HttpStatus.FORBIDDEN, "waitlist-only", "Waitlist members only", detail);
			case NO_PREORDERS, CLOSED -> ApiProblems.problem(HttpStatus.CONFLICT, "preorders-closed",
					"The drop takes no pre-orders now", detail);
			case FULL ->
				ApiProblems.problem(HttpStatus.CONFLICT, "preorders-full", "Every unit is pre-ordered", detail);
			case ALREADY_PREORDERED ->
				ApiProblems.problem(HttpStatus.CONFLICT, "already-preordered", "Already pre-ordered", detail);
			case NOT_CANCELLABLE -> ApiProblems.problem(HttpStatus.CONFLICT, "state-conflict",
					"The pre-order can no longer be withdrawn", detail);
			case OVER_LIMIT -> ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "per-fan-limit",
					"Over the per-fan limit", detail);
			case INVALID_QUANTITY -> invalid("quantity", detail);
			case INVALID_PAYMENT -> invalid("payment.cardNumber", detail);
			case INVALID_FULFILMENT -> invalid("fulfilment", detail);
			case PAYMENT_DECLINED ->
				ApiProblems.problem(HttpStatus.PAYMENT_REQUIRED, "payment-declined", "Payment declined", detail);
			case TOO_EARLY ->
				ApiProblems.problem(HttpStatus.CONFLICT, "preorders-not-open-yet", "Pre-orders open later", detail);
		};
	}

	private static ProblemDetail invalid(String field, String detail) {
		ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail);
		problem.setProperty("errors", List.of(new ApiProblems.FieldProblem(field, detail)));
		return problem;
	}

}

package io.microdrops.api;

import java.util.List;
import java.util.Locale;

import io.microdrops.checkout.CheckoutRefusedException;
import io.microdrops.checkout.FulfilmentRefusedException;
import io.microdrops.checkout.PaymentUnavailableException;
import io.microdrops.web.SoldOutProblem;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers checkout refusals as the API contract says: 409 sold out or hold gone, 422 over
 * the per-fan limit or an idempotency key reused, 403 not open to this fan, 402 declined,
 * 404 unknown (also another fan's hold), 409 {@code identity-cap} when accounts sharing
 * the card or delivery address own the per-fan limit already, 403
 * {@code account-requirement} when the account misses one of the drop's requirements, 409
 * {@code drop-closed} when the drop's sales have closed, 409 {@code price-changed} when
 * the hold costs other than the total the client showed; 503 with {@code Retry-After}
 * when the payment provider cannot be reached.
 */
@RestControllerAdvice(basePackages = "io.microdrops.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class CheckoutProblems {

	private final MessageSource messages;

	CheckoutProblems(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * A fulfilment choice the hubs cannot serve: 400 with the field in {@code errors}, or
	 * 409 when another order took the last unit or pickup meanwhile (refunded).
	 */
	@ExceptionHandler(FulfilmentRefusedException.class)
	ProblemDetail fulfilmentRefused(FulfilmentRefusedException ex) {
		String message = this.messages.getMessage(ex.messageKey(), ex.arguments(), ex.messageKey(), Locale.ENGLISH);
		ProblemDetail problem = ex.isConflict()
				? ApiProblems.problem(HttpStatus.CONFLICT, "fulfilment-taken", "Taken meanwhile", message)
				: ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", message);
		problem.setProperty("errors", List.of(new ApiProblems.FieldProblem("fulfilment." + ex.field(), message)));
		return problem;
	}

	@ExceptionHandler(CheckoutRefusedException.class)
	ProblemDetail refused(CheckoutRefusedException ex) {
		ProblemDetail problem = switch (ex.reason()) {
			case SOLD_OUT -> SoldOutProblem.create();
			case NOT_ENOUGH_LEFT -> {
				ProblemDetail fewer = ApiProblems.problem(HttpStatus.CONFLICT, "not-enough-left",
						"Fewer units left than asked for", "Fewer units of this item are left than asked for: ask "
								+ "again for fewer, with a new Idempotency-Key.");
				// The count the refusal kept; a refusal without one is answered without
				// it.
				if (ex.getMessage() != null && ex.getMessage().matches("[0-9]{1,9}")) {
					fewer.setProperty("left", Integer.parseInt(ex.getMessage()));
				}
				yield fewer;
			}
			case NOT_HELD -> {
				ProblemDetail gone = ApiProblems
					.problem(HttpStatus.CONFLICT, "hold-gone", "The hold has ended", ex.refunded()
							? "This reservation was released while the payment went through; the payment was refunded."
							: "This reservation expired or was released; nothing was charged.");
				gone.setProperty("refunded", ex.refunded());
				yield gone;
			}
			case OVER_LIMIT -> ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "per-fan-limit",
					"Over the per-fan limit", "You would hold or own more units than one fan may have.");
			case IDEMPOTENCY_KEY_REUSED -> ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key",
					"Idempotency key reused", "This Idempotency-Key was used with a different request.");
			case NOT_OPEN_TO_FAN -> {
				ProblemDetail notOpen = ApiProblems.problem(HttpStatus.FORBIDDEN, "not-open", "Not open to you yet",
						"This drop is not open to you now.");
				if (ex.opensToFanAt() != null) {
					notOpen.setProperty("opensToYouAt", ex.opensToFanAt());
				}
				yield notOpen;
			}
			case PRICE_CHANGED -> {
				ProblemDetail changed = ApiProblems.problem(HttpStatus.CONFLICT, "price-changed", "The price changed",
						"This hold costs other than the total sent; nothing was charged and the hold stays.");
				changed.setProperty("totalMinor", ex.currentTotal().minor());
				changed.setProperty("currency", ex.currentTotal().currency());
				yield changed;
			}
			case DROP_CLOSED -> ApiProblems.problem(HttpStatus.CONFLICT, "drop-closed", "The drop is over",
					"This drop's sales have closed; nothing was held.");
			case PAYMENT_DECLINED -> ApiProblems.problem(HttpStatus.PAYMENT_REQUIRED, "payment-declined",
					"Payment declined", ex.getMessage() + " Your hold stays until it expires.");
			case NOT_FOUND -> ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
					"No such drop item or reservation.");
			case INVALID_FULFILMENT -> {
				ProblemDetail invalid = ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
						"Pickup needs a hub; local delivery and shipping need an address.");
				invalid.setProperty("errors", List.of(new ApiProblems.FieldProblem("fulfilment", invalid.getDetail())));
				yield invalid;
			}
			case INVALID_QUANTITY -> ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
					"The quantity must be at least 1.");
			case IDENTITY_CAP -> {
				ProblemDetail cap = ApiProblems.problem(HttpStatus.CONFLICT, "identity-cap",
						"Over the limit of accounts sharing a "
								+ ("ADDRESS".equals(ex.getMessage()) ? "delivery address" : "card"),
						message("checkout.refused.IDENTITY_CAP." + ex.getMessage()));
				cap.setProperty("identity", ex.getMessage().toLowerCase(Locale.ROOT));
				yield cap;
			}
			case ACCOUNT_REQUIREMENT ->
				accountRequirement(ex.getMessage(), message("checkout.refused.ACCOUNT_REQUIREMENT." + ex.getMessage()));
			case ACCOUNT_DELETED -> ApiProblems.problem(HttpStatus.UNAUTHORIZED, "account-deleted", "Account deleted",
					"This account was deleted; nothing was held.");
			// 403, as for a drop not open to the fan: the fan may not reserve now, and
			// may once admitted; the request itself is fine.
			case ADMISSION_REQUIRED ->
				ApiProblems.problem(HttpStatus.FORBIDDEN, "admission-required", "Admission required",
						"This drop has a waiting room: join it (POST /api/v1/drops/{slug}/queue) and reserve with the "
								+ "admission token (Admission-Token header) once admitted. Each token works once.");
		};
		return problem;
	}

	private String message(String key) {
		return this.messages.getMessage(key, null, key, Locale.ENGLISH);
	}

	@ExceptionHandler(PaymentUnavailableException.class)
	ResponseEntity<ProblemDetail> paymentsUnavailable(PaymentUnavailableException ex) {
		// Whether money moved is unknown; the hold stays and a retry is safe.
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "10")
			.body(ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "payments-unavailable", "Payments unavailable",
					"The payment provider could not be reached. Your hold stays; try again in a few seconds."));
	}

	/**
	 * The answer to an account that misses one of a drop's requirements, at the reserve
	 * or at the waiting room's door: {@code 403 account-requirement} naming it.
	 * @param requirement the requirement's name ({@code FairnessRules.Requirement})
	 * @param detail the words for the fan
	 * @return the problem, with {@code requirement} in lower case with hyphens
	 */
	static ProblemDetail accountRequirement(String requirement, String detail) {
		ProblemDetail problem = ApiProblems.problem(HttpStatus.FORBIDDEN, "account-requirement",
				"Account requirement not met", detail);
		problem.setProperty("requirement", requirement.toLowerCase(Locale.ROOT).replace('_', '-'));
		return problem;
	}

}

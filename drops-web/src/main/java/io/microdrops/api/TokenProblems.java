package io.microdrops.api;

import java.util.List;
import java.util.Locale;

import io.microdrops.account.ApiTokenRefusedException;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a refused token as the API contract says: 400 for a bad name (with the field),
 * 422 for one token too many.
 */
@RestControllerAdvice(basePackages = "io.microdrops.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class TokenProblems {

	private final MessageSource messages;

	TokenProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(ApiTokenRefusedException.class)
	ProblemDetail refused(ApiTokenRefusedException ex) {
		String message = this.messages.getMessage(ex.messageKey(), null, ex.messageKey(), Locale.ENGLISH);
		if (ex.messageKey().startsWith("tokens.name.")) {
			ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
					message);
			problem.setProperty("errors", List.of(new ApiProblems.FieldProblem("name", message)));
			return problem;
		}
		return ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "too-many-tokens", "Too many tokens", message);
	}

}

package io.microdrops.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.microdrops.catalog.SkuNotFoundException;
import io.microdrops.catalog.SkuSlugTakenException;
import io.microdrops.community.CommunityNotFoundException;
import io.microdrops.community.SlugTakenException;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropRefusedException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal on the JSON API into an RFC 9457 problem: {@code type},
 * {@code title}, {@code status}, {@code detail}, and for invalid input an {@code errors}
 * list of {@code {field, message}}. Never a stack trace.
 */
@RestControllerAdvice(basePackages = "io.microdrops.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final String TYPE_BASE = "https://microdrops.io/problems/";

	private final MessageSource messages;

	ApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldProblem(error.getField(), message(error)))
			.toList();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
				"Some fields are missing or invalid.");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors fields) {
				fields.getFieldErrors()
					.forEach(error -> errors.add(new FieldProblem(error.getField(), message(error))));
			}
			else {
				String name = result.getMethodParameter().getParameterName();
				result.getResolvableErrors()
					.forEach(error -> errors
						.add(new FieldProblem(name, this.messages.getMessage(error, Locale.ENGLISH))));
			}
		}
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
				"Some fields are missing or invalid.");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * A body that is not JSON, or JSON with a value of the wrong type (text for a number,
	 * an unknown enum constant): names the field when Jackson knows it.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
				"The request body is not JSON of the expected shape.");
		if (ex.getMostSpecificCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			String field = mismatch.getPath()
				.stream()
				.map(reference -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.collect(Collectors.joining("."))
				.replace(".[", "[");
			Class<?> type = mismatch.getTargetType();
			String message = (type != null && type.isEnum()) ? "must be one of "
					+ Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "))
					: (type == String.class && mismatch.getMessage() != null
							&& mismatch.getMessage().contains("control characters"))
									? "contains control characters (such as NUL), which no field accepts"
									: "has the wrong type";
			problem.setDetail("Some fields are missing or invalid.");
			problem.setProperty("errors", List.of(new FieldProblem(field, message)));
		}
		return ResponseEntity.badRequest().body(problem);
	}

	/** A path or query value that cannot be what it names, e.g. an id that is no UUID. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
				"'" + ex.getValue() + "' is not a valid " + name + ".");
		problem.setProperty("errors", List.of(new FieldProblem(name, "is not valid")));
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalidValue(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", ex.getMessage());
	}

	@ExceptionHandler({ DropNotFoundException.class, CommunityNotFoundException.class, SkuNotFoundException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler({ SlugTakenException.class, SkuSlugTakenException.class })
	ProblemDetail slugTaken(RuntimeException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "slug-taken", "Slug taken", ex.getMessage());
		problem.setProperty("errors", List.of(new FieldProblem("slug", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler(DropRefusedException.class)
	ProblemDetail dropRefused(DropRefusedException ex) {
		List<FieldProblem> errors = ex.reasons()
			.stream()
			.map(reason -> new FieldProblem(reason.field(),
					this.messages.getMessage(reason.messageKey(), reason.arguments(), reason.messageKey(),
							Locale.ENGLISH)))
			.toList();
		String detail = String.join(" ", errors.stream().map(FieldProblem::message).toList());
		ProblemDetail problem;
		if (!ex.reasons().isEmpty()
				&& ex.reasons().stream().allMatch(reason -> reason.messageKey().equals("drop.refused.editions-left"))) {
			// Valid as sent: other drops hold the run's numbers now.
			problem = problem(HttpStatus.CONFLICT, "editions-taken", "The run's numbered editions are taken", detail);
		}
		else if (ex.reasons().stream().anyMatch(reason -> reason.field() != null)) {
			problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail);
		}
		else if (ex.reasons().stream().anyMatch(reason -> reason.messageKey().startsWith("drop.fatigue."))) {
			problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "fatigue-guard", "Refused by the fatigue guard",
					detail);
		}
		else {
			problem = problem(HttpStatus.CONFLICT, "state-conflict", "Not possible in the drop's state", detail);
		}
		problem.setProperty("errors", errors);
		return problem;
	}

	private String message(FieldError error) {
		return this.messages.getMessage(error, Locale.ENGLISH);
	}

	static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * One invalid field.
	 *
	 * @param field the field, or {@code null} for the request as a whole
	 * @param message what is wrong, in words
	 */
	record FieldProblem(String field, String message) {
	}

}

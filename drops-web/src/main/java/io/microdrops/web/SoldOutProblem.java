package io.microdrops.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The API's answer to a reservation of an item with no free unit, the same whether the
 * controller gives it or the token chain does for an item known to be sold out
 * ({@link KnownSoldOutReservations}).
 */
public final class SoldOutProblem {

	private SoldOutProblem() {
	}

	/**
	 * Returns a new 409 {@code sold-out} problem, without its {@code instance}.
	 * @return the problem
	 */
	public static ProblemDetail create() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"No unit of this item is left. If holds expire, units come back.");
		problem.setType(URI.create("https://microdrops.io/problems/sold-out"));
		problem.setTitle("Sold out");
		return problem;
	}

}

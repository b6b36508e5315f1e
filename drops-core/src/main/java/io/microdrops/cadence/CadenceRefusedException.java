package io.microdrops.cadence;

import java.util.List;

/**
 * Thrown when a cadence change breaks a rule: unknown community or SKU, a bad recurrence,
 * leads or limits out of range, a slug taken. Carries every problem found, so the
 * merchandiser sees them all in one go; nothing is written.
 */
public class CadenceRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Problem> problems;

	CadenceRefusedException(List<Problem> problems) {
		super("Cadence change refused: " + problems);
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns why the change was refused.
	 * @return one or more problems
	 */
	public List<Problem> problems() {
		return this.problems;
	}

}

package io.microdrops.fulfilment;

import java.util.List;

/**
 * Hub details that cannot be saved, with every reason by field.
 */
public class HubRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Problem> problems;

	HubRefusedException(List<Problem> problems) {
		super(problems.toString());
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the reasons.
	 * @return one problem per field at fault
	 */
	public List<Problem> problems() {
		return this.problems;
	}

	/**
	 * One reason.
	 *
	 * @param field the field of {@link HubDetails}
	 * @param messageKey the message key
	 */
	public record Problem(String field, String messageKey) {
	}

}

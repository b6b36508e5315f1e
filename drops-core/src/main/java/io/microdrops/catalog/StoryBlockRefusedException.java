package io.microdrops.catalog;

/**
 * Thrown when a story change breaks a rule: a required text missing or too long, too many
 * blocks or photos, a block that is not there. Nothing was changed. Carries the message
 * key that tells the merchandiser why, and the form field it concerns (or {@code null}).
 */
public class StoryBlockRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	private final String messageKey;

	StoryBlockRefusedException(String field, String messageKey) {
		super("Story change refused: " + messageKey);
		this.field = field;
		this.messageKey = messageKey;
	}

	/**
	 * Returns the field the problem concerns: {@code headline}, {@code altText},
	 * {@code text}, {@code answers}, {@code rows}, {@code caption}, {@code credit}, or
	 * {@code null} for the story as a whole.
	 * @return the field or {@code null}
	 */
	public String field() {
		return this.field;
	}

	/**
	 * Returns why, as a message key.
	 * @return the message key
	 */
	public String messageKey() {
		return this.messageKey;
	}

}

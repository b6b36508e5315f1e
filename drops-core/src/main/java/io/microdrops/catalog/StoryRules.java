package io.microdrops.catalog;

import java.util.ArrayList;
import java.util.List;

import io.microdrops.catalog.StoryBlockContent.InterviewAnswer;
import io.microdrops.catalog.StoryBlockContent.SpecRow;

/**
 * The limits of a story, checked before anything is stored so bad input never leaves a
 * half-written block. Each refusal names the form field and a message key.
 */
final class StoryRules {

	static final int MAX_BLOCKS = 40;

	static final int MAX_PHOTOS = 24;

	static final int MAX_ROWS = 30;

	static final int MAX_ANSWERS = 12;

	static final int HEADLINE_LENGTH = 120;

	static final int ALT_TEXT_LENGTH = 250;

	static final int TEXT_LENGTH = 10_000;

	static final int QUESTION_LENGTH = 300;

	static final int ANSWER_LENGTH = 4_000;

	static final int CAPTION_LENGTH = 300;

	static final int CREDIT_LENGTH = 120;

	static final int LABEL_LENGTH = 60;

	static final int VALUE_LENGTH = 300;

	private StoryRules() {
	}

	static String headline(String value) {
		return required(value, HEADLINE_LENGTH, "headline", "story.headline");
	}

	static String altText(ImageUpload image) {
		if (image == null || image.content() == null || image.content().length == 0) {
			throw new StoryBlockRefusedException("image", "story.image.required");
		}
		return required(image.altText(), ALT_TEXT_LENGTH, "altText", "story.alt-text");
	}

	static String text(String value) {
		return required(value, TEXT_LENGTH, "text", "story.text");
	}

	static String caption(String value) {
		return optional(value, CAPTION_LENGTH, "caption", "story.caption");
	}

	static String credit(String value) {
		return required(value, CREDIT_LENGTH, "credit", "story.credit");
	}

	static List<InterviewAnswer> answers(List<InterviewAnswer> answers) {
		List<InterviewAnswer> checked = new ArrayList<>();
		for (InterviewAnswer answer : (answers != null) ? answers : List.<InterviewAnswer>of()) {
			if (answer == null || (isBlank(answer.question()) && isBlank(answer.answer()))) {
				continue;
			}
			checked.add(new InterviewAnswer(required(answer.question(), QUESTION_LENGTH, "answers", "story.question"),
					required(answer.answer(), ANSWER_LENGTH, "answers", "story.answer")));
		}
		if (checked.isEmpty()) {
			throw new StoryBlockRefusedException("answers", "story.answers.required");
		}
		if (checked.size() > MAX_ANSWERS) {
			throw new StoryBlockRefusedException("answers", "story.answers.too-many");
		}
		return List.copyOf(checked);
	}

	static List<SpecRow> rows(List<SpecRow> rows) {
		List<SpecRow> checked = new ArrayList<>();
		for (SpecRow row : (rows != null) ? rows : List.<SpecRow>of()) {
			if (row == null || (isBlank(row.label()) && isBlank(row.value()))) {
				continue;
			}
			checked.add(new SpecRow(required(row.label(), LABEL_LENGTH, "rows", "story.spec-label"),
					required(row.value(), VALUE_LENGTH, "rows", "story.spec-value")));
		}
		if (checked.isEmpty()) {
			throw new StoryBlockRefusedException("rows", "story.rows.required");
		}
		if (checked.size() > MAX_ROWS) {
			throw new StoryBlockRefusedException("rows", "story.rows.too-many");
		}
		return List.copyOf(checked);
	}

	private static String required(String value, int maxLength, String field, String key) {
		if (isBlank(value)) {
			throw new StoryBlockRefusedException(field, key + ".required");
		}
		String stripped = value.strip();
		if (stripped.length() > maxLength) {
			throw new StoryBlockRefusedException(field, key + ".too-long");
		}
		return stripped;
	}

	private static String optional(String value, int maxLength, String field, String key) {
		if (isBlank(value)) {
			return null;
		}
		return required(value, maxLength, field, key);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}

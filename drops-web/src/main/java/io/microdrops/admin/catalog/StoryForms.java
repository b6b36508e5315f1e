package io.microdrops.admin.catalog;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.multipart.MultipartFile;

/**
 * The small forms of the story editor, one per kind of block. Limits repeat the
 * catalogue's so every problem shows at once; the catalogue checks again before it stores
 * anything.
 */
final class StoryForms {

	static final int INTERVIEW_ROWS = 3;

	static final int SPEC_ROWS = 5;

	private StoryForms() {
	}

	/**
	 * A hero block.
	 *
	 * @param headline the headline
	 * @param altText what the image shows
	 * @param image the uploaded image
	 */
	record HeroForm(
			@NotBlank(message = "{story.headline.required}") @Size(max = 120,
					message = "{story.headline.too-long}") String headline,
			@NotBlank(message = "{story.alt-text.required}") @Size(max = 250,
					message = "{story.alt-text.too-long}") String altText,
			MultipartFile image) {

		static HeroForm empty() {
			return new HeroForm("", "", null);
		}

	}

	/**
	 * A text block.
	 *
	 * @param text plain text or Markdown
	 */
	record TextForm(@NotBlank(message = "{story.text.required}") @Size(max = 10_000,
			message = "{story.text.too-long}") String text) {

		static TextForm empty() {
			return new TextForm("");
		}

	}

	/**
	 * An interview block: questions and answers in matching rows.
	 *
	 * @param questions the questions
	 * @param answers the answers
	 */
	record InterviewForm(List<String> questions, List<String> answers) {

		InterviewForm {
			questions = rows(questions, INTERVIEW_ROWS);
			answers = rows(answers, INTERVIEW_ROWS);
		}

		static InterviewForm empty() {
			return new InterviewForm(null, null);
		}

	}

	/**
	 * A specs block: labels and values in matching rows.
	 *
	 * @param labels the labels
	 * @param values the values
	 */
	record SpecsForm(List<String> labels, List<String> values) {

		SpecsForm {
			labels = rows(labels, SPEC_ROWS);
			values = rows(values, SPEC_ROWS);
		}

		static SpecsForm empty() {
			return new SpecsForm(null, null);
		}

	}

	/**
	 * A photo for a gallery or a showcase, new or existing.
	 *
	 * @param altText what the photo shows
	 * @param caption the caption (gallery) or the fan's credit (showcase)
	 * @param image the uploaded photo
	 */
	record PhotoForm(
			@NotBlank(message = "{story.alt-text.required}") @Size(max = 250,
					message = "{story.alt-text.too-long}") String altText,
			@Size(max = 300, message = "{story.caption.too-long}") String caption, MultipartFile image) {

		static PhotoForm empty() {
			return new PhotoForm("", "", null);
		}

	}

	/** Pads or trims rows to the number the form shows, so the page can index them. */
	private static List<String> rows(List<String> values, int count) {
		List<String> rows = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			rows.add((values != null && i < values.size() && values.get(i) != null) ? values.get(i) : "");
		}
		return List.copyOf(rows);
	}

}

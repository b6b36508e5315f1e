package io.microdrops.catalog;

import java.util.List;

/**
 * What one story block holds; one record per {@link StoryBlockKind}. Text a merchandiser
 * typed is kept as typed and made safe when rendered ({@link StoryText}).
 */
public sealed interface StoryBlockContent {

	/**
	 * Returns the kind of block.
	 * @return the kind
	 */
	StoryBlockKind kind();

	/**
	 * A large image with a headline.
	 *
	 * @param image the image
	 * @param headline the headline, plain text
	 */
	record Hero(StoryImage image, String headline) implements StoryBlockContent {

		@Override
		public StoryBlockKind kind() {
			return StoryBlockKind.HERO;
		}

	}

	/**
	 * Rich text.
	 *
	 * @param markdown the text as typed: plain or Markdown
	 */
	record Text(String markdown) implements StoryBlockContent {

		@Override
		public StoryBlockKind kind() {
			return StoryBlockKind.TEXT;
		}

		/**
		 * Returns the text as sanitised HTML.
		 * @return safe HTML
		 */
		public String html() {
			return StoryText.toSafeHtml(this.markdown);
		}

	}

	/**
	 * Questions to the maker and their answers.
	 *
	 * @param answers one or more question/answer pairs, in order
	 */
	record Interview(List<InterviewAnswer> answers) implements StoryBlockContent {

		@Override
		public StoryBlockKind kind() {
			return StoryBlockKind.INTERVIEW;
		}

	}

	/**
	 * Process photos.
	 *
	 * @param photos one or more photos, in order
	 */
	record Gallery(List<StoryPhoto> photos) implements StoryBlockContent {

		@Override
		public StoryBlockKind kind() {
			return StoryBlockKind.GALLERY;
		}

	}

	/**
	 * Key/value rows.
	 *
	 * @param rows one or more rows, in order
	 */
	record Specs(List<SpecRow> rows) implements StoryBlockContent {

		@Override
		public StoryBlockKind kind() {
			return StoryBlockKind.SPECS;
		}

	}

	/**
	 * Fan photos.
	 *
	 * @param photos one or more photos, in order; each caption is the fan's credit
	 */
	record Showcase(List<StoryPhoto> photos) implements StoryBlockContent {

		@Override
		public StoryBlockKind kind() {
			return StoryBlockKind.SHOWCASE;
		}

	}

	/**
	 * One question and its answer.
	 *
	 * @param question the question, plain text
	 * @param answer the answer, plain or Markdown
	 */
	record InterviewAnswer(String question, String answer) {

		/**
		 * Returns the answer as sanitised HTML.
		 * @return safe HTML
		 */
		public String answerHtml() {
			return StoryText.toSafeHtml(this.answer);
		}

	}

	/**
	 * One photo of a gallery or showcase.
	 *
	 * @param image the image
	 * @param caption the caption (gallery, optional) or the fan's credit (showcase,
	 * required); plain text
	 */
	record StoryPhoto(StoryImage image, String caption) {
	}

	/**
	 * One row of specs.
	 *
	 * @param label for example "Material"
	 * @param value for example "Brass, hand-polished"
	 */
	record SpecRow(String label, String value) {
	}

}

package io.microdrops.storefront.share;

import java.util.List;

/**
 * What a page tells link unfurlers (OpenGraph and Twitter cards), search engines
 * (canonical address, schema.org data) and its own {@code <meta name="description">}. The
 * layout writes it into the page's head when a controller puts it in the model as
 * {@code share}.
 *
 * @param title the page's title, without the shop's name
 * @param description one or two sentences; for a drop it says when
 * @param url the page's canonical absolute address
 * @param image the picture to show, or {@code null}
 * @param labels extra label/value pairs some unfurlers show (Slack's
 * {@code twitter:label})
 * @param jsonLd schema.org data as JSON, safe to write inside a script element, or
 * {@code null}
 */
public record ShareCard(String title, String description, String url, Image image, List<Label> labels, String jsonLd) {

	/**
	 * Creates a card.
	 * @param title the title
	 * @param description the description
	 * @param url the canonical address
	 * @param image the picture or {@code null}
	 * @param labels the labels
	 * @param jsonLd the structured data or {@code null}
	 */
	public ShareCard {
		labels = List.copyOf(labels);
	}

	/**
	 * Tells which Twitter card fits: a large picture when there is one.
	 * @return {@code summary_large_image} or {@code summary}
	 */
	public String twitterCard() {
		return (this.image != null) ? "summary_large_image" : "summary";
	}

	/**
	 * A picture for the card.
	 *
	 * @param url its absolute address
	 * @param type its MIME type
	 * @param width its width in pixels
	 * @param height its height in pixels
	 * @param alt what it shows
	 */
	public record Image(String url, String type, int width, int height, String alt) {
	}

	/**
	 * A label and its value, such as "Opens" and "Thu 17 Dec 18:00 (Europe/London)".
	 *
	 * @param label the label
	 * @param value the value
	 */
	public record Label(String label, String value) {
	}

}

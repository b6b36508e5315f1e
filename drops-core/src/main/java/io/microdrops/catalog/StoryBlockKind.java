package io.microdrops.catalog;

/**
 * The kinds of modular content a SKU's story is made of.
 */
public enum StoryBlockKind {

	/** A large image with a headline, usually first. */
	HERO,

	/** Rich text: plain or a safe subset of Markdown. */
	TEXT,

	/** Questions to the maker and their answers. */
	INTERVIEW,

	/** Process photos, each with required alt text and an optional caption. */
	GALLERY,

	/** Key/value rows: material, size, weight. */
	SPECS,

	/** Fan photos, each credited, with required alt text. */
	SHOWCASE

}

package io.microdrops.ops.analytics;

import java.util.List;

/**
 * One dashboard table exactly as shown and as downloaded: the CSV file holds the same
 * headers and cell texts as the page ({@code null} cells are empty in the file and shown
 * as a dash on the page).
 *
 * @param name the table's name in addresses ({@code drops}, {@code cohorts}…)
 * @param headers the column headers
 * @param rows the rows; the first cell of each names the row
 * @param total how many rows there are in all, when the page shows only the first ones
 */
record AnalyticsTable(String name, List<String> headers, List<List<Cell>> rows, int total) {

	AnalyticsTable(String name, List<String> headers, List<List<Cell>> rows) {
		this(name, headers, rows, rows.size());
	}

	AnalyticsTable limitedTo(int shown) {
		return (this.rows.size() <= shown) ? this
				: new AnalyticsTable(this.name, this.headers, this.rows.subList(0, shown), this.rows.size());
	}

	public boolean isShortened() {
		return this.rows.size() < this.total;
	}

	/**
	 * A cell: its text and, for a row's name, where it links to.
	 *
	 * @param text the text, {@code null} for no value
	 * @param href a link, or {@code null}
	 */
	record Cell(String text, String href) {

		static Cell of(Object value) {
			return new Cell((value != null) ? value.toString() : null, null);
		}

		static Cell link(String text, String href) {
			return new Cell(text, href);
		}

	}

}

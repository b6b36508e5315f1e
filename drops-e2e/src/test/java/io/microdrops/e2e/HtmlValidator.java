package io.microdrops.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nu.validator.client.EmbeddedValidator;
import org.xml.sax.SAXException;

/**
 * The W3C Nu HTML checker, in this process: the same checks as validator.w3.org/nu,
 * without the network.
 */
final class HtmlValidator {

	private final ObjectMapper json = new ObjectMapper();

	/**
	 * Checks a tiny document, so the schemas are loaded before the first real page.
	 */
	static void warmUp() {
		new HtmlValidator()
			.errors("<!DOCTYPE html><html lang=\"en\"><head><title>Warm-up</title></head><body></body></html>");
	}

	/**
	 * Checks a document.
	 * @param html the document as the server sent it
	 * @return the errors, each with its line and column; warnings and notes are left out
	 */
	List<String> errors(String html) {
		EmbeddedValidator validator = new EmbeddedValidator();
		validator.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
		validator.setNoLangDetect(true);
		try {
			String output = validator.validate(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
			List<String> errors = new ArrayList<>();
			for (JsonNode message : this.json.readTree(output).path("messages")) {
				String type = message.path("type").asText();
				if ("error".equals(type) || "non-document-error".equals(type)) {
					errors.add("line " + message.path("lastLine").asInt() + ", column "
							+ message.path("firstColumn").asInt() + ": " + message.path("message").asText() + " ["
							+ message.path("extract").asText().strip() + "]");
				}
			}
			return errors;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SAXException ex) {
			throw new IllegalStateException("The HTML validator could not run", ex);
		}
	}

}

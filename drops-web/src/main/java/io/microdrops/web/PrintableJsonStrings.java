package io.microdrops.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

import org.springframework.boot.jackson.JacksonComponent;

/**
 * Reads JSON strings as Jackson does, but refuses one that carries
 * {@link ControlCharacters control characters} (such as an escaped NUL,
 * {@code "\u0000"}): the JSON API answers 400 naming the field, instead of the database
 * failing on it later.
 */
@JacksonComponent
class PrintableJsonStrings extends ValueDeserializer<String> {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		String value = parser.getValueAsString();
		if (value == null) {
			return (String) context.handleUnexpectedToken(String.class, parser);
		}
		if (ControlCharacters.in(value)) {
			return (String) context.handleWeirdStringValue(String.class, value, "control characters are not allowed");
		}
		return value;
	}

}

package io.microdrops.admin.recognition;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import io.microdrops.recognition.BadgeKind;
import io.microdrops.recognition.BadgeRule;
import io.microdrops.recognition.Recognition.RuleDraft;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.validation.BindingResult;

/**
 * A recognition rule as typed: numbers, the date and the cadence as text, so that a wrong
 * entry gets a message of its own rather than a conversion error.
 */
record RuleForm(String kind,
		@NotBlank(message = "{form.required}") @Size(max = 80, message = "{form.too-long}") String name,
		@Size(max = 500, message = "{form.too-long}") String description, String dropCount, String before,
		String cadence) {

	static RuleForm empty() {
		return new RuleForm(BadgeKind.N_DROPS.name(), "", "", "3", "", "");
	}

	static RuleForm of(BadgeRule rule, ZoneId zone) {
		return new RuleForm(rule.kind().name(), rule.name(), rule.description(),
				(rule.dropCount() != null) ? rule.dropCount().toString() : "",
				(rule.before() != null) ? LocalDate.ofInstant(rule.before(), zone).toString() : "",
				(rule.cadence() != null) ? rule.cadence().toString() : "");
	}

	/**
	 * Reads the typed values, rejecting what cannot be read.
	 * @param zone the community's time zone: a founding date means its midnight there
	 * @param result where to put the errors
	 * @return the draft, or {@code null} when a field was rejected
	 */
	RuleDraft draft(ZoneId zone, BindingResult result) {
		BadgeKind parsedKind = null;
		try {
			parsedKind = BadgeKind.valueOf(this.kind);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			result.rejectValue("kind", "recognition.kind.required");
		}
		Integer count = null;
		if (this.dropCount != null && !this.dropCount.isBlank()) {
			try {
				count = Integer.valueOf(this.dropCount.strip());
			}
			catch (NumberFormatException ex) {
				result.rejectValue("dropCount", "recognition.count.number");
			}
		}
		LocalDate date = null;
		if (this.before != null && !this.before.isBlank()) {
			try {
				date = LocalDate.parse(this.before.strip());
			}
			catch (DateTimeParseException ex) {
				result.rejectValue("before", "recognition.before.date");
			}
		}
		UUID cadenceId = null;
		if (this.cadence != null && !this.cadence.isBlank()) {
			try {
				cadenceId = UUID.fromString(this.cadence.strip());
			}
			catch (IllegalArgumentException ex) {
				result.rejectValue("cadence", "recognition.cadence.unknown");
			}
		}
		if (result.hasErrors()) {
			return null;
		}
		// Only the parameters the kind reads are kept, so a value left in a hidden field
		// does not count against the rule.
		boolean founding = parsedKind == BadgeKind.FOUNDING_MEMBER;
		return new RuleDraft(parsedKind, this.name, this.description,
				(parsedKind == BadgeKind.FIRST_DROP) ? null
						: (founding && date != null && count == null) ? null : count,
				founding ? ((date != null) ? date.atStartOfDay(zone).toInstant() : null) : null,
				(parsedKind == BadgeKind.NEVER_MISSED_CADENCE) ? cadenceId : null);
	}

	/**
	 * Puts a refusal from the rule's checks on the field it concerns.
	 * @param messageKey the refusal's key
	 * @param result where to put it
	 */
	static void reject(String messageKey, BindingResult result) {
		String field = switch (messageKey) {
			case "recognition.name.required" -> "name";
			case "recognition.kind.required" -> "kind";
			case "recognition.too-many" -> null;
			default -> "dropCount";
		};
		if (field == null) {
			result.reject(messageKey);
		}
		else {
			result.rejectValue(field, messageKey);
		}
	}

}

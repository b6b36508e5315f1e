package io.microdrops.admin.cadence;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.microdrops.cadence.Frequency;
import io.microdrops.cadence.Recurrence;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Says a recurrence in plain words, for example "Every 2nd week on Thursday at 18:00
 * (Europe/London)", from the cadence message bundle.
 */
@Component
class CadenceWording {

	private final MessageSource messages;

	CadenceWording(MessageSource messages) {
		this.messages = messages;
	}

	String describe(Recurrence recurrence, ZoneId zone, Locale locale) {
		String days = days(recurrence.weekdays().stream().sorted().toList(), locale);
		String time = recurrence.at().toString();
		String zoneName = (zone != null) ? zone.getId() : "?";
		boolean every = recurrence.interval() == 1;
		if (recurrence.frequency() == Frequency.MONTHLY) {
			String position = ordinal(recurrence.weekOfMonth(), locale);
			return every ? message("cadence.rule.monthly", locale, days, time, zoneName, position)
					: message("cadence.rule.monthly.every", locale, days, time, zoneName, position,
							ordinal(recurrence.interval(), locale));
		}
		return every ? message("cadence.rule.weekly", locale, days, time, zoneName)
				: message("cadence.rule.weekly.every", locale, days, time, zoneName, null,
						ordinal(recurrence.interval(), locale));
	}

	private String days(List<DayOfWeek> days, Locale locale) {
		List<String> names = days.stream().map(day -> message("cadence.weekday." + day.name(), locale)).toList();
		if (names.size() <= 1) {
			return String.join("", names);
		}
		String allButLast = String.join(message("cadence.rule.list-separator", locale),
				names.subList(0, names.size() - 1));
		return message("cadence.rule.and", locale, allButLast, names.getLast());
	}

	private String ordinal(Integer number, Locale locale) {
		if (number == null) {
			return "";
		}
		if (number == Recurrence.LAST) {
			return message("cadence.ordinal.last", locale);
		}
		return this.messages.getMessage("cadence.ordinal." + number, null, number + ".", locale);
	}

	private String message(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

}

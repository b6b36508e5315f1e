package io.microdrops.storefront.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.microdrops.community.Community;
import io.microdrops.drop.Drop;
import io.microdrops.drop.DropId;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;
import io.microdrops.web.PublicUrls;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Writes drops as iCalendar (RFC 5545) with ical4j: each drop is an event at its opening,
 * and one for its early access when it has one, each with reminders an hour and ten
 * minutes before. Times are in UTC, so every calendar shows them in its own zone
 * correctly. An event's UID never changes ({@code <drop id>-opens}); its SEQUENCE grows
 * whenever the drop is scheduled, moved, called off or closed early, so a calendar that
 * already holds the event takes the new version; a drop called off after it was announced
 * stays in its community's feed as CANCELLED.
 */
@Component
class DropCalendars {

	/** How long the opening event lasts: the first hour, when the units go. */
	private static final Duration OPENING = Duration.ofHours(1);

	/** Cancelled drops stay in the feed this long after their opening would have been. */
	private static final Duration KEEP_CANCELLED = Duration.ofDays(30);

	/** Past drops stay in the feed this long after their opening. */
	private static final Duration KEEP_PAST = Duration.ofDays(90);

	private static final List<Duration> REMINDERS = List.of(Duration.ofHours(1), Duration.ofMinutes(10));

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm",
			Locale.ENGLISH);

	private final CalendarEntries entries;

	private final PublicUrls urls;

	private final MessageSource messages;

	private final Clock clock;

	private final TimeZoneRegistry timeZones = TimeZoneRegistryFactory.getInstance().createRegistry();

	DropCalendars(CalendarEntries entries, PublicUrls urls, MessageSource messages, Clock clock) {
		this.entries = entries;
		this.urls = urls;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * One drop's events, for a download.
	 * @param view the drop
	 * @return the calendar as text
	 */
	String drop(DropView view) {
		Calendar calendar = calendar();
		int sequence = this.entries.sequences(List.of(view.drop().id())).getOrDefault(view.drop().id(), 0);
		events(view, sequence).forEach(calendar::add);
		return write(calendar);
	}

	/**
	 * A community's feed: its announced drops, recent past ones and recently cancelled
	 * ones.
	 * @param community the community
	 * @param drops its public drops
	 * @return the calendar as text
	 */
	String community(Community community, List<DropView> drops) {
		Instant now = this.clock.instant();
		Calendar calendar = calendar();
		String name = text("share.calendar.feed.name", community.name());
		calendar.add(new XProperty("X-WR-CALNAME", name));
		calendar.add(new XProperty("X-WR-CALDESC", text("share.calendar.feed.description", community.name(),
				this.urls.absolute("/communities/" + community.slug()))));
		calendar.add(new XProperty("X-WR-TIMEZONE", community.timeZone().getId()));
		// Events are in UTC; the community's zone is there for apps that show the feed in
		// it, and keeps a feed without drops a valid calendar (it needs one component).
		calendar.add(this.timeZones.getTimeZone(community.timeZone().getId()).getVTimeZone());
		// Ask subscribed calendars to look again every hour (RFC 7986 and its older
		// form).
		calendar.add(new Name(name));
		calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), Duration.ofHours(1)));
		calendar.add(new XProperty("X-PUBLISHED-TTL", "PT1H"));
		List<DropView> shown = drops.stream()
			.filter(view -> view.drop().timeline().opensAt().isAfter(now.minus(KEEP_PAST)))
			.toList();
		Map<DropId, Integer> sequences = this.entries.sequences(shown.stream().map(view -> view.drop().id()).toList());
		for (DropView view : shown) {
			events(view, sequences.getOrDefault(view.drop().id(), 0)).forEach(calendar::add);
		}
		List<String> shownSlugs = shown.stream().map(view -> view.drop().slug()).toList();
		for (CalendarEntries.Cancelled cancelled : this.entries.cancelled(community.id(), now.minus(KEEP_CANCELLED))) {
			if (!shownSlugs.contains(cancelled.slug())) {
				cancelledEvents(cancelled, community).forEach(calendar::add);
			}
		}
		return write(calendar);
	}

	private List<VEvent> events(DropView view, int sequence) {
		Drop drop = view.drop();
		ZoneId zone = view.timeZone();
		Instant opens = drop.timeline().opensAt();
		Instant closes = (drop.closedEarlyAt() != null) ? drop.closedEarlyAt() : drop.timeline().closesAt();
		String url = this.urls.absolute("/drops/" + drop.slug());
		String description = text("share.calendar.event.description", text("drop.page.community", view.communityName()),
				zone.getId(), DAY_AND_TIME.format(closes.atZone(zone)), url);
		List<VEvent> events = new ArrayList<>();
		Instant early = drop.timeline().earlyAccessAt();
		boolean reminders = view.state() != DropState.CLOSED;
		if (early != null && early.isBefore(opens)) {
			events.add(event(uid(drop.id(), "early-access"), sequence, early, opens,
					text("share.calendar.event.early-access", drop.title()), description, url, reminders));
		}
		Instant end = opens.plus(OPENING).isBefore(closes) ? opens.plus(OPENING) : closes;
		events.add(event(uid(drop.id(), "opens"), sequence, opens, end,
				text("share.calendar.event.opens", drop.title()), description, url, reminders));
		return events;
	}

	private List<VEvent> cancelledEvents(CalendarEntries.Cancelled cancelled, Community community) {
		String url = this.urls.absolute("/communities/" + community.slug());
		String summary = text("share.calendar.event.cancelled", cancelled.title());
		List<VEvent> events = new ArrayList<>();
		if (cancelled.earlyAccessAt() != null && cancelled.earlyAccessAt().isBefore(cancelled.opensAt())) {
			VEvent early = event(uid(cancelled.drop(), "early-access"), cancelled.sequence(), cancelled.earlyAccessAt(),
					cancelled.opensAt(), summary, summary, url, false);
			early.add(ImmutableStatus.VEVENT_CANCELLED);
			events.add(early);
		}
		Instant end = cancelled.opensAt().plus(OPENING).isBefore(cancelled.closesAt())
				? cancelled.opensAt().plus(OPENING) : cancelled.closesAt();
		VEvent opens = event(uid(cancelled.drop(), "opens"), cancelled.sequence(), cancelled.opensAt(), end, summary,
				summary, url, false);
		opens.add(ImmutableStatus.VEVENT_CANCELLED);
		events.add(opens);
		return events;
	}

	private VEvent event(String uid, int sequence, Instant start, Instant end, String summary, String description,
			String url, boolean reminders) {
		VEvent event = new VEvent(false);
		event.add(new Uid(uid));
		event.add(new DtStamp(this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
		event.add(new DtStart<>(start));
		event.add(new DtEnd<>(end));
		event.add(new Sequence(sequence));
		event.add(new Summary(summary));
		event.add(new Description(description));
		event.add(new Url(URI.create(url)));
		if (reminders) {
			for (Duration before : REMINDERS) {
				VAlarm alarm = new VAlarm(before.negated());
				alarm.add(ImmutableAction.DISPLAY);
				alarm.add(new Description(text("share.calendar.alarm", summary)));
				event.add(alarm);
			}
		}
		return event;
	}

	private static String uid(DropId drop, String what) {
		return drop.value() + "-" + what;
	}

	private Calendar calendar() {
		Calendar calendar = new Calendar();
		calendar.add(new ProdId("-//Drops//Drop calendar//EN"));
		calendar.add(ImmutableVersion.VERSION_2_0);
		// No METHOD: a plain iCalendar object, not an iTIP message (whose PUBLISH would
		// want an ORGANIZER); calendar apps import and subscribe to it as it is.
		calendar.add(ImmutableCalScale.GREGORIAN);
		return calendar;
	}

	private static String write(Calendar calendar) {
		StringWriter out = new StringWriter();
		try {
			new CalendarOutputter(true).output(calendar, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	private String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

}

package io.microdrops.storefront.calendar;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import io.microdrops.catalog.CatalogManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.DropView;
import io.microdrops.drop.Timeline;
import io.microdrops.web.TestDrops;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Imports the calendar files into ical4j as a calendar app would, and follows a drop
 * through being moved and called off in its community's feed.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CalendarFeedIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	ZonedDateTime opens;

	@BeforeEach
	void setUp() {
		// 18:00 in London on a day in a week: the file must say it in UTC.
		this.opens = LocalDate.now(TestDrops.LONDON).plusDays(7).atTime(LocalTime.of(18, 0)).atZone(TestDrops.LONDON);
	}

	@Test
	void aDropDownloadsAsEarlyAccessAndOpeningEventsWithReminders() throws Exception {
		Instant early = this.opens.minusMinutes(30).toInstant();
		String slug = drop("Winter run", early);
		DropView view = this.drops.view(slug);

		MvcResult result = this.mvc.perform(get("/drops/" + slug + "/calendar.ics"))
			.andExpect(status().isOk())
			.andReturn();

		assertThat(result.getResponse().getContentType()).isEqualTo("text/calendar;charset=UTF-8");
		assertThat(result.getResponse().getHeader("Content-Disposition")).contains("attachment", slug + ".ics");
		Calendar calendar = parse(result.getResponse().getContentAsString());
		List<VEvent> events = calendar.getComponents("VEVENT");
		assertThat(events).hasSize(2);
		VEvent earlyAccess = events.get(0);
		VEvent opening = events.get(1);
		assertThat(value(earlyAccess, "UID")).isEqualTo(view.drop().id().value() + "-early-access");
		assertThat(value(opening, "UID")).isEqualTo(view.drop().id().value() + "-opens");
		assertThat(value(earlyAccess, "SUMMARY")).isEqualTo("Winter run: early access for the waitlist");
		assertThat(value(opening, "SUMMARY")).isEqualTo("Winter run: opens");
		assertThat(start(earlyAccess)).isEqualTo(early);
		assertThat(start(opening)).isEqualTo(this.opens.toInstant());
		assertThat(value(opening, "DTSTART")).endsWith("Z");
		assertThat(instant(opening, "DTEND")).isEqualTo(this.opens.plusHours(1).toInstant());
		assertThat(instant(earlyAccess, "DTEND")).isEqualTo(this.opens.toInstant());
		assertThat(value(opening, "SEQUENCE")).isEqualTo("0");
		assertThat(value(opening, "URL")).endsWith("/drops/" + slug);
		assertThat(value(opening, "DESCRIPTION")).contains("A drop for Keycap Collectors", "Europe/London");
		List<VAlarm> alarms = opening.getAlarms();
		assertThat(alarms).extracting(alarm -> alarm.getProperty("TRIGGER").orElseThrow().getValue())
			.containsExactly("-PT1H", "-PT10M");
		assertThat(alarms)
			.allSatisfy(alarm -> assertThat(alarm.getProperty("ACTION").orElseThrow().getValue()).isEqualTo("DISPLAY"));

		// The same drop fetched again: the same identities.
		Calendar again = parse(this.mvc.perform(get("/drops/" + slug + "/calendar.ics"))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(again.<VEvent>getComponents("VEVENT")).extracting(event -> value(event, "UID"))
			.containsExactly(value(earlyAccess, "UID"), value(opening, "UID"));
	}

	@Test
	void theCommunityFeedFollowsADropThatIsMovedAndThenCalledOff() throws Exception {
		String slug = drop("Moving", null);
		DropView view = this.drops.view(slug);
		String feed = "/communities/" + view.communitySlug() + "/drops.ics";
		String uid = view.drop().id().value() + "-opens";

		Calendar first = feed(feed);
		assertThat(first.getProperty("X-WR-CALNAME").orElseThrow().getValue()).isEqualTo("Keycap Collectors drops");
		assertThat(first.getProperty("REFRESH-INTERVAL")).isPresent();
		VEvent event = event(first, uid).orElseThrow();
		assertThat(start(event)).isEqualTo(this.opens.toInstant());

		Instant later = this.opens.plusHours(2).toInstant();
		DropPlan plan = view.drop().plan();
		this.drops.revise(slug,
				new DropPlan(plan.title(), plan.community(), plan.accessMode(),
						new Timeline(plan.timeline().announceAt(), null, later, later.plus(Duration.ofDays(2))),
						plan.holdMinutes(), plan.preorderThreshold(), plan.items()));

		VEvent moved = await().atMost(Duration.ofSeconds(15))
			.until(() -> event(feed(feed), uid).orElseThrow(), candidate -> value(candidate, "SEQUENCE").equals("1"));
		assertThat(start(moved)).isEqualTo(later);
		assertThat(moved.getProperty("STATUS")).isEmpty();

		this.drops.unschedule(slug);

		VEvent cancelled = await().atMost(Duration.ofSeconds(15))
			.until(() -> event(feed(feed), uid).orElse(null),
					candidate -> candidate != null && value(candidate, "SEQUENCE").equals("2"));
		assertThat(value(cancelled, "STATUS")).isEqualTo("CANCELLED");
		assertThat(value(cancelled, "SUMMARY")).isEqualTo("Cancelled: Moving");
		assertThat(start(cancelled)).isEqualTo(later);
		assertThat(cancelled.getAlarms()).isEmpty();
	}

	@Test
	void aDropCalledOffBeforeFansSawItNeverAppears() throws Exception {
		Instant now = Instant.now();
		String slug = TestDrops.drop(this.communities, this.catalog, this.drops, "Quiet", AccessMode.FIRST_COME,
				new Timeline(now.plus(Duration.ofDays(1)), null, this.opens.toInstant(),
						this.opens.plusDays(1).toInstant()),
				true);
		DropView view = this.drops.view(slug);
		this.drops.unschedule(slug);

		await().atMost(Duration.ofSeconds(15))
			.during(Duration.ofSeconds(1))
			.until(() -> feed("/communities/" + view.communitySlug() + "/drops.ics").getComponents("VEVENT").isEmpty());
		this.mvc.perform(get("/drops/" + slug + "/calendar.ics")).andExpect(status().isNotFound());
		this.mvc.perform(get("/communities/no-such-community/drops.ics")).andExpect(status().isNotFound());
	}

	private String drop(String title, Instant earlyAccess) {
		return TestDrops.drop(this.communities, this.catalog, this.drops, title, AccessMode.FIRST_COME,
				TestDrops.upcoming(Instant.now(), earlyAccess, this.opens.toInstant()), true);
	}

	private Calendar feed(String path) throws Exception {
		MvcResult result = this.mvc.perform(get(path)).andExpect(status().isOk()).andReturn();
		assertThat(result.getResponse().getContentType()).isEqualTo("text/calendar;charset=UTF-8");
		return parse(result.getResponse().getContentAsString());
	}

	// Parses and validates, as a calendar app importing the file would.
	private static Calendar parse(String text) throws Exception {
		Calendar calendar = new CalendarBuilder().build(new StringReader(text));
		ValidationResult validation = calendar.validate();
		assertThat(validation.hasErrors()).as(validation.getEntries() + "\n" + text).isFalse();
		assertThat(calendar.getProperty("VERSION").orElseThrow().getValue()).isEqualTo("2.0");
		return calendar;
	}

	private static Optional<VEvent> event(Calendar calendar, String uid) {
		return calendar.<VEvent>getComponents("VEVENT")
			.stream()
			.filter(event -> value(event, "UID").equals(uid))
			.findFirst();
	}

	private static String value(VEvent event, String property) {
		return event.getProperty(property).map(Property::getValue).orElse("");
	}

	private static Instant start(VEvent event) {
		return instant(event, "DTSTART");
	}

	private static Instant instant(VEvent event, String property) {
		DateProperty<?> date = event.<DateProperty<?>>getProperty(property).orElseThrow();
		return Instant.from(date.getDate());
	}

}

package io.microdrops.drop;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTests {

	static final Instant ANNOUNCE = Instant.parse("2026-12-01T09:00:00Z");

	static final Instant EARLY = Instant.parse("2026-12-03T17:30:00Z");

	static final Instant OPEN = Instant.parse("2026-12-03T18:00:00Z");

	static final Instant CLOSE = Instant.parse("2026-12-04T18:00:00Z");

	@Test
	void acceptsAnnounceThenEarlyAccessThenOpenThenClose() {
		assertThat(new Timeline(ANNOUNCE, EARLY, OPEN, CLOSE).problems()).isEmpty();
		assertThat(new Timeline(ANNOUNCE, null, OPEN, CLOSE).problems()).isEmpty();
		assertThat(new Timeline(OPEN, OPEN, OPEN, CLOSE).problems()).isEmpty();
	}

	@Test
	void refusesAClosingAtOrBeforeTheOpening() {
		assertThat(new Timeline(ANNOUNCE, null, OPEN, OPEN).problems()).extracting(Timeline.Problem::messageKey)
			.containsExactly("drop.timeline.close-before-open");
	}

	@Test
	void refusesEarlyAccessOutsideAnnounceAndOpen() {
		assertThat(new Timeline(ANNOUNCE, CLOSE, OPEN, CLOSE.plusSeconds(60)).problems())
			.extracting(Timeline.Problem::field)
			.containsExactly("earlyAccessAt");
		assertThat(new Timeline(EARLY, ANNOUNCE, OPEN, CLOSE).problems()).extracting(Timeline.Problem::messageKey)
			.containsExactly("drop.timeline.early-before-announce");
	}

	@Test
	void refusesAnAnnouncementAfterTheOpening() {
		assertThat(new Timeline(CLOSE, null, OPEN, CLOSE.plusSeconds(1)).problems())
			.extracting(Timeline.Problem::messageKey)
			.containsExactly("drop.timeline.announce-after-open");
	}

	@Test
	void keepsMomentsToTheSecond() {
		Timeline timeline = new Timeline(ANNOUNCE.plusNanos(764_155_000), null, OPEN.plusMillis(999), CLOSE);
		assertThat(timeline.announceAt()).isEqualTo(ANNOUNCE);
		assertThat(timeline.opensAt()).isEqualTo(OPEN);
	}

	@Test
	void namesEveryMissingMoment() {
		assertThat(new Timeline(null, null, null, null).problems()).extracting(Timeline.Problem::field)
			.containsExactly("announceAt", "opensAt", "closesAt");
	}

	@Test
	void followsTheClockThroughEveryStateOfTheTimeline() {
		Timeline timeline = new Timeline(ANNOUNCE, EARLY, OPEN, CLOSE);
		assertThat(timeline.stateAt(ANNOUNCE.minusSeconds(1))).isEqualTo(DropState.SCHEDULED);
		assertThat(timeline.stateAt(ANNOUNCE)).isEqualTo(DropState.ANNOUNCED);
		assertThat(timeline.stateAt(EARLY)).isEqualTo(DropState.EARLY_ACCESS);
		assertThat(timeline.stateAt(OPEN)).isEqualTo(DropState.LIVE);
		assertThat(timeline.stateAt(CLOSE.minusMillis(1))).isEqualTo(DropState.LIVE);
		assertThat(timeline.stateAt(CLOSE)).isEqualTo(DropState.CLOSED);
	}

	@Test
	void goesStraightFromAnnouncedToLiveWithoutEarlyAccess() {
		Timeline timeline = new Timeline(ANNOUNCE, null, OPEN, CLOSE);
		assertThat(timeline.stateAt(EARLY)).isEqualTo(DropState.ANNOUNCED);
		assertThat(timeline.stateAt(OPEN)).isEqualTo(DropState.LIVE);
	}

}

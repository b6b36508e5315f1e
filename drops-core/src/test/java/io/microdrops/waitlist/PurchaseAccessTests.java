package io.microdrops.waitlist;

import java.time.Instant;

import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropState;
import io.microdrops.drop.Timeline;
import io.microdrops.waitlist.PurchaseAccess.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PurchaseAccessTests {

	static final Instant ANNOUNCE = Instant.parse("2030-12-10T18:00:00Z");

	static final Instant EARLY = Instant.parse("2030-12-17T17:30:00Z");

	static final Instant OPENS = Instant.parse("2030-12-17T18:00:00Z");

	static final Instant CLOSES = Instant.parse("2030-12-19T18:00:00Z");

	static final Timeline WITH_EARLY_ACCESS = new Timeline(ANNOUNCE, EARLY, OPENS, CLOSES);

	static final Timeline WITHOUT_EARLY_ACCESS = new Timeline(ANNOUNCE, null, OPENS, CLOSES);

	@Test
	void letsFirstComeMembersInAtEarlyAccessAndOthersAtTheOpening() {
		assertThat(decide(AccessMode.FIRST_COME, WITH_EARLY_ACCESS, true, EARLY.minusSeconds(1)).verdict())
			.isEqualTo(Verdict.NOT_OPEN_YET);
		assertThat(decide(AccessMode.FIRST_COME, WITH_EARLY_ACCESS, true, EARLY).verdict()).isEqualTo(Verdict.ALLOWED);
		assertThat(decide(AccessMode.FIRST_COME, WITH_EARLY_ACCESS, false, EARLY).opensToYouAt()).isEqualTo(OPENS);
		assertThat(decide(AccessMode.FIRST_COME, WITH_EARLY_ACCESS, false, EARLY).verdict())
			.isEqualTo(Verdict.NOT_OPEN_YET);
		assertThat(decide(AccessMode.FIRST_COME, WITH_EARLY_ACCESS, false, OPENS).verdict()).isEqualTo(Verdict.ALLOWED);
	}

	@Test
	void givesMembersNoHeadStartWhenAFirstComeDropHasNoEarlyAccess() {
		assertThat(decide(AccessMode.FIRST_COME, WITHOUT_EARLY_ACCESS, true, OPENS.minusSeconds(1)).opensToYouAt())
			.isEqualTo(OPENS);
		assertThat(decide(AccessMode.FIRST_COME, WITHOUT_EARLY_ACCESS, false, OPENS).allowed()).isTrue();
	}

	@Test
	void letsOnlyMembersBuyAWaitlistOnlyDropFromEarlyAccessOrElseTheOpening() {
		assertThat(decide(AccessMode.WAITLIST_ONLY, WITH_EARLY_ACCESS, true, EARLY).allowed()).isTrue();
		assertThat(decide(AccessMode.WAITLIST_ONLY, WITHOUT_EARLY_ACCESS, true, EARLY).opensToYouAt()).isEqualTo(OPENS);
		assertThat(decide(AccessMode.WAITLIST_ONLY, WITHOUT_EARLY_ACCESS, true, OPENS).allowed()).isTrue();
		assertThat(decide(AccessMode.WAITLIST_ONLY, WITH_EARLY_ACCESS, false, OPENS.plusSeconds(3600)).verdict())
			.isEqualTo(Verdict.WAITLIST_ONLY);
		assertThat(decide(AccessMode.WAITLIST_ONLY, WITH_EARLY_ACCESS, false, OPENS).opensToEveryoneAt()).isNull();
	}

	@Test
	void answersDrawsClosedDropsAndAnonymousVisitorsBeforeAnyTimingRule() {
		assertThat(decide(AccessMode.DRAW, WITH_EARLY_ACCESS, true, OPENS).verdict()).isEqualTo(Verdict.BY_DRAW);
		assertThat(PurchaseAccess.decide(AccessMode.FIRST_COME, WITH_EARLY_ACCESS, DropState.CLOSED, true, true, OPENS)
			.verdict()).isEqualTo(Verdict.CLOSED);
		assertThat(PurchaseAccess
			.decide(AccessMode.FIRST_COME, WITH_EARLY_ACCESS, WITH_EARLY_ACCESS.stateAt(OPENS), false, false, OPENS)
			.verdict()).isEqualTo(Verdict.NOT_SIGNED_IN);
	}

	private static PurchaseAccess.Decision decide(AccessMode mode, Timeline timeline, boolean member, Instant now) {
		return PurchaseAccess.decide(mode, timeline, timeline.stateAt(now), true, member, now);
	}

}

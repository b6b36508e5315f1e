package io.microdrops.cadence;

import java.time.LocalDate;
import java.util.List;

import io.microdrops.drop.AccessMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DropTemplateTests {

	static final List<DropTemplate.Item> ONE_ITEM = List.of(new DropTemplate.Item("brass-keycap", 10, 2));

	@Test
	void fillsTheDateAndNumberIntoTheTitle() {
		DropTemplate template = new DropTemplate("  Keycap Thursday — {date} (#{n})  ", ONE_ITEM, AccessMode.FIRST_COME,
				72, null, 24, 10);

		assertThat(template.title(LocalDate.of(2026, 12, 10), 7)).isEqualTo("Keycap Thursday — 10 December 2026 (#7)");
		assertThat(template.problems()).isEmpty();
	}

	@Test
	void refusesAPatternWhoseTitlesWouldNotFitADrop() {
		DropTemplate template = new DropTemplate("{date}".repeat(15), ONE_ITEM, AccessMode.FIRST_COME, 72, null, 24,
				10);

		assertThat(template.problems()).extracting(Problem::messageKey).containsExactly("cadence.title.too-long");
	}

	@Test
	void asksForTheDateOrTheNumberInTheTitleSoEachDropHasItsOwn() {
		DropTemplate same = new DropTemplate("Keycap Thursday", ONE_ITEM, AccessMode.FIRST_COME, 72, null, 24, 10);
		DropTemplate numbered = new DropTemplate("Keycap Thursday #{n}", ONE_ITEM, AccessMode.FIRST_COME, 72, null, 24,
				10);

		assertThat(same.problems()).extracting(Problem::field, Problem::messageKey)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("titlePattern", "cadence.title.placeholder"));
		assertThat(numbered.problems()).isEmpty();
	}

	@Test
	void refusesTheSameSkuTwiceAndEmptyItems() {
		DropTemplate twice = new DropTemplate("Drop {n}",
				List.of(new DropTemplate.Item("brass-keycap", 10, 2), new DropTemplate.Item("brass-keycap", 5, 1)),
				AccessMode.DRAW, 72, 72, 24, 10);
		DropTemplate none = new DropTemplate("Drop {n}", List.of(), AccessMode.DRAW, 72, 0, 24, 10);

		assertThat(twice.problems()).extracting(Problem::field, Problem::messageKey)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("items[1].sku", "cadence.item.sku-twice"));
		assertThat(none.problems()).extracting(Problem::messageKey).containsExactly("cadence.items.required");
	}

}

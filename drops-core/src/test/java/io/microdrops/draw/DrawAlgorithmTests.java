package io.microdrops.draw;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrawAlgorithmTests {

	static final String SEED = "9f2c4e1d7a3b5c6d8e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d";

	@Test
	void ordersTheSameEntriesTheSameWayFromTheSameSeedWhateverTheirInputOrder() {
		List<DrawAlgorithm.Entry> entries = entries(40);
		List<DrawAlgorithm.Entry> shuffled = new ArrayList<>(entries);
		Collections.shuffle(shuffled, new Random(7));

		List<DrawAlgorithm.Entry> first = DrawAlgorithm.order(SEED, entries);

		assertThat(DrawAlgorithm.order(SEED, shuffled)).isEqualTo(first);
		assertThat(DrawAlgorithm.order(SEED, List.copyOf(entries))).isEqualTo(first);
		assertThat(first).containsExactlyInAnyOrderElementsOf(entries);
	}

	@Test
	void ordersDifferentlyFromAnotherSeed() {
		List<DrawAlgorithm.Entry> entries = entries(40);

		assertThat(DrawAlgorithm.order(SEED.replace('9', '8'), entries))
			.isNotEqualTo(DrawAlgorithm.order(SEED, entries));
	}

	@Test
	void keysAnEntryByTheSmallestOfItsTicketsAsTheRuleSays() {
		DrawAlgorithm.Entry entry = new DrawAlgorithm.Entry("ab", 3);
		String smallest = IntStream.rangeClosed(1, 3)
			.mapToObj(ticket -> DrawAlgorithm.sha256(SEED + ":ab:" + ticket))
			.sorted()
			.findFirst()
			.orElseThrow();

		assertThat(DrawAlgorithm.key(SEED, entry)).isEqualTo(smallest);
		// The well-known SHA-256 of "abc": the hash is of the ASCII text.
		assertThat(DrawAlgorithm.commitment("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void placesAnEntryOfWeightThreeFirstAboutThreeTimesInFive() {
		List<DrawAlgorithm.Entry> entries = List.of(new DrawAlgorithm.Entry("heavy", 3),
				new DrawAlgorithm.Entry("light-1", 1), new DrawAlgorithm.Entry("light-2", 1));
		int heavyFirst = 0;
		for (int round = 0; round < 3000; round++) {
			String seed = DrawAlgorithm.sha256("seed-" + round);
			if (DrawAlgorithm.order(seed, entries).getFirst().hash().equals("heavy")) {
				heavyFirst++;
			}
		}
		assertThat(heavyFirst / 3000.0).isBetween(0.55, 0.65);
	}

	@Test
	void hashesAnEntryWithItsSaltSoTheSameFanLooksDifferentInEveryDraw() {
		UUID fan = UUID.randomUUID();

		assertThat(DrawAlgorithm.entryHash("salt-1", fan)).isNotEqualTo(DrawAlgorithm.entryHash("salt-2", fan))
			.isEqualTo(DrawAlgorithm.sha256("salt-1:" + fan))
			.doesNotContain(fan.toString());
	}

	private static List<DrawAlgorithm.Entry> entries(int count) {
		return IntStream.range(0, count)
			.mapToObj(i -> new DrawAlgorithm.Entry(DrawAlgorithm.sha256("entry-" + i), 1 + i % 3))
			.toList();
	}

}

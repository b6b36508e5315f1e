package io.microdrops.waitingroom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueShuffleTests {

	static final String SEED = "3f1c0e5a9b7d2e4f6a8c0b1d3e5f7a9c1b3d5e7f9a0c2e4b6d8f0a1c3e5b7d9f";

	@Test
	void givesTheSameOrderForTheSameSeedWhateverOrderFansJoinedIn() {
		List<UUID> fans = fans(50);
		List<UUID> shuffled = new ArrayList<>(fans);
		Collections.shuffle(shuffled, new Random(7));

		assertThat(QueueShuffle.order(SEED, shuffled)).isEqualTo(QueueShuffle.order(SEED, fans))
			.containsExactlyInAnyOrderElementsOf(fans);
	}

	@Test
	void givesAnotherOrderForAnotherSeed() {
		List<UUID> fans = fans(50);
		String other = SEED.replace('3', '4');

		assertThat(QueueShuffle.order(other, fans)).isNotEqualTo(QueueShuffle.order(SEED, fans));
	}

	@Test
	void ordersByTheDocumentedKey() {
		UUID first = UUID.fromString("00000000-0000-0000-0000-000000000001");
		UUID second = UUID.fromString("00000000-0000-0000-0000-000000000002");
		// sha256("<seed>:<account id>"), as anyone can recompute it with a shell's
		// sha256sum.
		String firstKey = QueueShuffle.key(SEED, first);
		String secondKey = QueueShuffle.key(SEED, second);

		assertThat(firstKey).hasSize(64).matches("[0-9a-f]{64}");
		assertThat(QueueShuffle.order(SEED, List.of(first, second))).containsExactly(
				(firstKey.compareTo(secondKey) < 0) ? new UUID[] { first, second } : new UUID[] { second, first });
	}

	@Test
	void putsNobodyFirstMoreOftenThanChanceWouldOverManySeeds() {
		List<UUID> fans = fans(4);
		int[] firsts = new int[4];
		Random seeds = new Random(11);
		for (int round = 0; round < 4000; round++) {
			String seed = String.format("%064x", new java.math.BigInteger(256, seeds));
			firsts[fans.indexOf(QueueShuffle.order(seed, fans).get(0))]++;
		}
		// 1,000 expected each; 4 standard deviations is about 110.
		assertThat(IntStream.of(firsts).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(860, 1140));
	}

	private static List<UUID> fans(int count) {
		Random random = new Random(count);
		return IntStream.range(0, count).mapToObj(i -> new UUID(random.nextLong(), random.nextLong())).toList();
	}

}

package io.microdrops.checkout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.DropRefusedException;
import io.microdrops.drop.FairnessRules;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.Concurrently;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Edition numbers belong to the SKU's run: the drops of one run never number the same
 * edition twice, none releases more than the run has left, and a closed drop's unsold
 * pieces keep their numbers for a later drop. Real database.
 */
@SpringBootTest
class EditionNumberingIntegrationTests {

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	Checkout checkout;

	@Autowired
	JdbcTemplate jdbc;

	private CheckoutFixtures fixtures;

	private Community community;

	@BeforeEach
	void community() {
		this.fixtures = new CheckoutFixtures(this.communities, this.catalog, this.drops, this.jdbc);
		String slug = "en-" + UUID.randomUUID().toString().substring(0, 8);
		this.community = this.communities.create(slug,
				new CommunityDetails("Editions " + slug, "Edition tests", null, null, 500, ZoneId.of("UTC"), 0, 31));
	}

	@Test
	void aRunIsNumberedOnceAcrossItsDrops() {
		Sku sku = sku(10);

		assertThat(editions(scheduled(sku, 4, 0))).containsExactly(1, 2, 3, 4);
		assertThat(editions(scheduled(sku, 3, 1))).containsExactly(5, 6, 7);
		String tooMany = draft(sku, 4, 2);
		assertThatExceptionOfType(DropRefusedException.class).isThrownBy(() -> schedule(tooMany))
			.satisfies(ex -> assertThat(ex.reasons()).singleElement().satisfies(reason -> {
				assertThat(reason.field()).isEqualTo("items");
				assertThat(reason.messageKey()).isEqualTo("drop.refused.editions-left");
				assertThat(reason.arguments()).containsExactly(sku.name(), 3, 10);
			}));
		assertThat(editions(scheduled(sku, 3, 3))).containsExactly(8, 9, 10);
	}

	@Test
	void aClosedDropsUnsoldPiecesKeepTheirNumbersForALaterDrop() {
		Sku sku = sku(6);
		String first = scheduled(sku, 4, 0);
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation held = this.checkout.reserve(new ReserveRequest(first, sku.slug(), 2, fan, null));
		assertThat(held.editions()).containsExactly(1, 2);

		// While the first drop is open, and for a day after it closed, every one of its
		// numbers is taken: a claim begun before the close may still settle.
		String next = draft(sku, 4, 1);
		assertThatExceptionOfType(DropRefusedException.class).isThrownBy(() -> schedule(next));
		this.drops.closeEarly(first);
		assertThatExceptionOfType(DropRefusedException.class).isThrownBy(() -> schedule(next));

		// A day on: its held units keep their numbers, its unsold pieces go to the next
		// drop.
		this.jdbc.update("update drops set closed_early_at = closed_early_at - interval '25 hours' where slug = ?",
				first);
		assertThat(editions(schedule(next))).containsExactly(3, 4, 5, 6);
	}

	@Test
	void aDraftCannotReleaseMoreThanTheRun() {
		Sku sku = sku(10);

		assertThatExceptionOfType(DropRefusedException.class).isThrownBy(() -> draft(sku, 11, 0))
			.satisfies(ex -> assertThat(ex.reasons()).singleElement().satisfies(reason -> {
				assertThat(reason.messageKey()).isEqualTo("drop.refused.over-edition");
				assertThat(reason.arguments()).containsExactly(sku.name(), 10);
			}));
	}

	@Test
	void anOpenRunContinuesAfterTheHighestNumberInUse() {
		Sku sku = sku(null);

		assertThat(editions(scheduled(sku, 3, 0))).containsExactly(1, 2, 3);
		assertThat(editions(scheduled(sku, 2, 1))).containsExactly(4, 5);
	}

	@Test
	void dropsScheduledAtOnceNeverShareANumber() throws Exception {
		Sku sku = sku(10);
		List<String> slugs = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			slugs.add(draft(sku, 5, i));
		}

		List<Object> outcomes = Concurrently.run(3, i -> {
			try {
				return schedule(slugs.get(i));
			}
			catch (DropRefusedException ex) {
				return ex.reasons().getFirst().messageKey();
			}
		});

		assertThat(outcomes).filteredOn("drop.refused.editions-left"::equals).hasSize(1);
		List<Integer> numbered = slugs.stream().flatMap(slug -> editions(slug).stream()).sorted().toList();
		assertThat(numbered).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
	}

	@Test
	void dropsOfTheSameSkusInOtherOrdersScheduledAtOnceBothGetTheirNumbers() throws Exception {
		Sku first = sku(10);
		Sku second = sku(10);
		String one = draft(List.of(new NewDropItem(first.id(), 5, 1), new NewDropItem(second.id(), 5, 1)), 0);
		String other = draft(List.of(new NewDropItem(second.id(), 5, 1), new NewDropItem(first.id(), 5, 1)), 1);

		Concurrently.run(2, i -> schedule((i == 0) ? one : other));

		assertThat(editions(one)).hasSize(10);
		assertThat(editions(other)).hasSize(10);
		assertThat(this.jdbc.queryForObject("""
				select count(*) from (
				    select i.sku_id, u.edition from drop_units u join drop_items i on i.id = u.drop_item_id
				    where i.sku_id in (?, ?) group by 1, 2 having count(*) > 1) twice
				""", Integer.class, first.id().value(), second.id().value())).isZero();
	}

	@Test
	void changingTheFairnessRulesOfADropWhoseUnitsAreClaimedLeavesThemAsTheyAre() {
		Sku sku = sku(10);
		String drop = scheduled(sku, 4, 0);
		AccountId fan = this.fixtures.fans(1).getFirst();
		Reservation held = this.checkout.reserve(new ReserveRequest(drop, sku.slug(), 1, fan, null));

		// As if pre-orders had taken units before the opening.
		this.jdbc.update("update drops set opens_at = now() + interval '1 hour' where slug = ?", drop);
		this.drops.changeFairness(drop, FairnessRules.NONE);

		assertThat(this.jdbc.queryForObject("select count(*) from drop_units where reservation_id = ? and edition = ?",
				Integer.class, held.id(), held.editions().getFirst()))
			.isOne();
		assertThat(editions(drop)).containsExactly(1, 2, 3, 4);
	}

	private Sku sku(Integer editionSize) {
		return this.catalog.create("en-sku-" + UUID.randomUUID().toString().substring(0, 8),
				new SkuDetails("Numbered print", Money.of(1500, "EUR"), editionSize, null, null));
	}

	/**
	 * A draft of one item of the SKU, open from a minute ago for a day; {@code n} spreads
	 * the openings so the community's fatigue guard (no gap asked) stays quiet.
	 */
	private String draft(Sku sku, int quantity, int n) {
		return draft(List.of(new NewDropItem(sku.id(), quantity, quantity)), n);
	}

	private String draft(List<NewDropItem> items, int n) {
		String slug = "en-" + UUID.randomUUID().toString().substring(0, 8);
		Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, this.community.id(), AccessMode.FIRST_COME,
						new Timeline(at.minus(Duration.ofHours(2)), null, at.minus(Duration.ofMinutes(1 + n)),
								at.plus(Duration.ofDays(1))),
						10, null, items));
		return slug;
	}

	private String scheduled(Sku sku, int quantity, int n) {
		return schedule(draft(sku, quantity, n));
	}

	private String schedule(String slug) {
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	private List<Integer> editions(String slug) {
		return this.jdbc.queryForList("""
				select u.edition from drop_units u join drop_items i on i.id = u.drop_item_id
				join drops d on d.id = i.drop_id where d.slug = ? order by u.edition
				""", Integer.class, slug);
	}

}

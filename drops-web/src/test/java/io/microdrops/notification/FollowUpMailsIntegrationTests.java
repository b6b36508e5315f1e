package io.microdrops.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.FairnessRules;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.fulfilment.OrderDelivered;
import io.microdrops.fulfilment.PickupCollected;
import io.microdrops.offer.FollowUpManagement;
import io.microdrops.offer.FollowUpSettings;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.TestBrowser;
import io.microdrops.web.TestDrops;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The follow-up mail: after a fan collected an order (or had it delivered) and the
 * offer's delay passed, a consenting fan gets one mail with an early-access code, which
 * opens the community's next drop to them before everyone; a fan without consent gets
 * neither mail nor code; nobody gets it twice.
 */
class FollowUpMailsIntegrationTests extends MovableClockMailIntegrationTest {

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	FollowUpManagement followUps;

	@Autowired
	FollowUpMails followUpMails;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void mailsAConsentingFanOneCodeAfterTheDelayAndTheCodeOpensTheNextDropToThem() {
		Community community = community();
		Instant start = this.clock.instant();
		String bought = drop(community, start.minus(Duration.ofMinutes(1)));
		Sku addOn = this.catalog.create(TestDrops.unique("add-on"),
				new SkuDetails("Keycap puller", Money.of(800, "GBP"), null, null, null));
		// A second add-on is sold to the drop's buyers only, in a drop of its own.
		String buyersOnly = drop(community, start.plus(Duration.ofDays(5)));
		this.drops.changeFairness(buyersOnly,
				new FairnessRules(false, false, false, null, false, null, this.drops.require(bought).id()));
		this.followUps.define(bought, new FollowUpSettings("Thank you for being there.\nSee you soon.", 48, true, 24,
				30, List.of(addOn.slug(), "sku-" + buyersOnly)), start);
		String news = unique("follow-up-news");
		String quiet = unique("follow-up-quiet");
		AccountId newsFan = newsFan(news, true);
		AccountId quietFan = confirmedFan(quiet);
		Order newsOrder = buy(bought, newsFan);
		Order quietOrder = buy(bought, quietFan);

		Instant collected = this.clock.instant();
		collect(newsOrder, collected);
		collect(newsOrder, collected);
		this.transactions.executeWithoutResult(status -> this.events.publishEvent(
				new OrderDelivered(UUID.randomUUID(), quietOrder.id(), quietOrder.number(), quietFan, collected)));
		await().atMost(Duration.ofSeconds(15)).until(() -> followUpsOf(newsFan) == 1 && followUpsOf(quietFan) == 1);

		this.clock.set(collected.plus(Duration.ofHours(47)));
		this.followUpMails.sendDue(10_000);
		assertThat(count(news)).as("not before the delay").isZero();

		this.clock.set(collected.plus(Duration.ofHours(48)));
		this.followUpMails.sendDue(10_000);
		this.followUpMails.sendDue(10_000);
		collect(newsOrder, collected);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> {
			this.followUpMails.sendDue(10_000);
			return count(news) == 1;
		});
		assertThat(count(quiet)).as("no consent, no mail").isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from early_access_codes where account_id = ?", Long.class,
				quietFan.value()))
			.as("no consent, no code")
			.isZero();

		StoredMail mail = newestMailTo(news, FollowUpMails.FOLLOW_UP);
		String code = this.jdbc.queryForObject("select code from early_access_codes where account_id = ?", String.class,
				newsFan.value());
		assertThat(mail.subject()).isEqualTo("Thank you for collecting Drop " + bought);
		assertThat(mail.marketing()).isTrue();
		assertThat(mail.textBody()).contains("Thank you for being there.\nSee you soon.")
			.contains(code)
			.contains("opens to you 24 hours before everyone else")
			.contains("Keycap puller: ")
			.contains("/skus/" + addOn.slug())
			.contains("/drops/" + buyersOnly)
			.doesNotContain("/skus/sku-" + buyersOnly)
			.contains("Unsubscribe: " + mail.unsubscribeUrl());

		// The next drop of the community opens to everyone in two hours; the code opened
		// it to this fan a day before.
		String next = drop(community, this.clock.instant().plus(Duration.ofHours(2)));
		TestBrowser fanBrowser = browser();
		fanBrowser.signIn(news, "drop news password please");
		String page = fanBrowser.get("/drops/" + next).body();
		assertThat(page).contains("Your early-access code " + code + " opens this drop to you: you may buy now")
			.contains("class=\"reserve\"");
		Reservation early = this.checkout.reserve(new ReserveRequest(next, "sku-" + next, 1, newsFan, null));
		assertThat(early.editions()).containsExactly(1);
		assertThat(this.followUps.conversion()).filteredOn(line -> line.dropSlug().equals(bought))
			.singleElement()
			.satisfies(line -> {
				assertThat(line.sent()).isEqualTo(1);
				assertThat(line.codesSent()).isEqualTo(1);
				assertThat(line.codesUsed()).isEqualTo(1);
				assertThat(line.conversionPercent()).isEqualTo(100);
			});
	}

	@Test
	void mailsNothingToAFanWhoUnsubscribedBeforeTheFollowUpWasDue() {
		Community community = community();
		Instant start = this.clock.instant();
		String bought = drop(community, start.minus(Duration.ofMinutes(1)));
		this.followUps.define(bought, new FollowUpSettings("Thanks!", 1, true, 24, 30, List.of()), start);
		String email = unique("follow-up-unsubscribed");
		AccountId fan = newsFan(email, true);
		Order order = buy(bought, fan);
		collect(order, this.clock.instant());
		await().atMost(Duration.ofSeconds(15)).until(() -> followUpsOf(fan) == 1);

		this.accounts.withdrawMarketingConsent(fan);
		this.clock.set(this.clock.instant().plus(Duration.ofHours(2)));
		this.followUpMails.sendDue(10_000);

		assertThat(count(email)).isZero();
		assertThat(this.jdbc.queryForObject("select outcome from follow_ups where account_id = ?", String.class,
				fan.value()))
			.isEqualTo("NO_CONSENT");
	}

	private void collect(Order order, Instant at) {
		this.transactions.executeWithoutResult(status -> this.events.publishEvent(new PickupCollected(UUID.randomUUID(),
				order.id(), order.number(), order.fan(), UUID.randomUUID(), at)));
	}

	private Order buy(String drop, AccountId fan) {
		Reservation hold = this.checkout.reserve(new ReserveRequest(drop, "sku-" + drop, 1, fan, null));
		return this.orders.placeOrder(new PlaceOrder(hold.id(), fan, "4242424242424242",
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "2 Groove St, Leeds")));
	}

	private long followUpsOf(AccountId fan) {
		return this.jdbc.queryForObject("select count(*) from follow_ups where account_id = ?", Long.class,
				fan.value());
	}

	private long count(String email) {
		return this.jdbc.queryForObject("select count(*) from mail_outbox where recipient = ? and template = ?",
				Long.class, email, FollowUpMails.FOLLOW_UP);
	}

	private Community community() {
		return this.communities.create(TestDrops.unique("follow"), new CommunityDetails("Follow-up Club",
				"Follow-up mail tests.", null, null, 300, TestDrops.LONDON, 0, 31));
	}

	/** A first-come drop of the community, announced well before it opens. */
	private String drop(Community community, Instant opens) {
		String slug = TestDrops.unique("follow-drop");
		Sku sku = this.catalog.create("sku-" + slug, new SkuDetails("Keycap", Money.of(1200, "GBP"), null, null, null));
		this.drops
			.createDraft(slug,
					new DropPlan("Drop " + slug, community.id(), AccessMode.FIRST_COME,
							new Timeline(this.clock.instant().minus(Duration.ofDays(2)), null, opens,
									opens.plus(Duration.ofDays(3))),
							10, null, List.of(new NewDropItem(sku.id(), 10, 2))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

}

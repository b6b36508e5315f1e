package io.microdrops.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.microdrops.account.AccountId;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.Sku;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.community.Community;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropOpened;
import io.microdrops.drop.DropOpenings;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.FairnessRules;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.testsupport.TestBrowser.Page;
import io.microdrops.waitlist.WaitlistManagement;
import io.microdrops.web.TestDrops;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "drop live" mail: to the community's and the waitlist's fans who want drop news and
 * confirmed their address, once each per drop, with an unsubscribe link that works.
 */
class DropLiveMailsIntegrationTests extends MovableClockMailIntegrationTest {

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	DropOpenings openings;

	@Autowired
	WaitlistManagement waitlists;

	@Autowired
	Checkout checkout;

	@Autowired
	OrderManagement orders;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void mailsConsentingConfirmedFansOfTheCommunityAndTheWaitlistOnceWhenTheDropOpens() throws Exception {
		Community community = community();
		Instant now = this.clock.instant();
		String drop = drop(community, now, AccessMode.FIRST_COME);
		String member = unique("live-member");
		String both = unique("live-both");
		String waitlisted = unique("live-waitlist");
		String noConsent = unique("live-no-consent");
		String unconfirmed = unique("live-unconfirmed");
		this.communities.join(community.slug(), newsFan(member, true));
		AccountId onBoth = newsFan(both, true);
		this.communities.join(community.slug(), onBoth);
		this.waitlists.join(drop, onBoth);
		this.waitlists.join(drop, newsFan(waitlisted, true));
		this.communities.join(community.slug(), confirmedFan(noConsent));
		this.communities.join(community.slug(), newsFan(unconfirmed, false));

		this.clock.set(this.drops.require(drop).timeline().opensAt().plusSeconds(30));
		assertThat(this.openings.due()).contains(drop);
		assertThat(this.openings.publishIfOpen(drop)).isTrue();

		StoredMail toMember = awaitMail(member);
		awaitMail(both);
		awaitMail(waitlisted);
		assertThat(toMember.subject()).isEqualTo("Drop " + drop + " is live now");
		assertThat(toMember.marketing()).isTrue();
		assertThat(toMember.unsubscribeUrl()).contains("/unsubscribe?token=");
		assertThat(toMember.textBody()).contains("is open to everyone now, first come, first served")
			.contains("/drops/" + drop)
			.contains("Unsubscribe: " + toMember.unsubscribeUrl());
		assertThat(toMember.htmlBody()).contains(toMember.unsubscribeUrl().replace("&", "&amp;"));

		// The event once more, as after a crash before its publication was marked done.
		var opened = this.drops.require(drop);
		this.transactions.executeWithoutResult(status -> this.events.publishEvent(new DropOpened(opened.id(),
				opened.community(), drop, AccessMode.FIRST_COME, opened.timeline().opensAt())));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(6))
			.until(() -> count(member) == 1 && count(both) == 1 && count(waitlisted) == 1);
		assertThat(count(noConsent)).isZero();
		assertThat(count(unconfirmed)).isZero();

		// Other tests' mail may be waiting too: send until this one is out.
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			this.sender.sendDue();
			return mail(toMember.id()).status() == MailStatus.SENT;
		});
		List<MimeMessage> live = receivedBy(member).stream()
			.filter(message -> subject(message).equals(toMember.subject()))
			.toList();
		assertThat(live).singleElement()
			.satisfies(message -> assertThat(message.getHeader("List-Unsubscribe"))
				.containsExactly("<" + toMember.unsubscribeUrl() + ">"));
	}

	@Test
	void tellsFansOfADropWithAWaitingRoomToQueueNotThatItIsFirstCome() {
		Community community = community();
		Instant now = this.clock.instant();
		String drop = drop(community, now, AccessMode.FIRST_COME);
		this.drops.configureWaitingRoom(drop, new io.microdrops.drop.WaitingRoomSettings(true, null));
		String member = unique("live-queue");
		this.communities.join(community.slug(), newsFan(member, true));

		this.clock.set(this.drops.require(drop).timeline().opensAt().plusSeconds(30));
		assertThat(this.openings.publishIfOpen(drop)).isTrue();

		StoredMail mail = awaitMail(member);
		assertThat(mail.textBody()).contains("It has a waiting room: join the queue on the drop page")
			.doesNotContain("first come");
		assertThat(mail.htmlBody()).contains("It has a waiting room").doesNotContain("first come");
	}

	@Test
	void sendsNothingMoreToAFanWhoUnsubscribedThroughTheLinkOfAnEarlierDropLiveMail() {
		Community community = community();
		String fan = unique("live-unsubscribes");
		this.communities.join(community.slug(), newsFan(fan, true));
		String first = drop(community, this.clock.instant(), AccessMode.FIRST_COME);
		this.clock.set(this.drops.require(first).timeline().opensAt().plusSeconds(30));
		this.openings.publishIfOpen(first);
		StoredMail news = awaitMail(fan);

		Page done = browser().postRaw(news.unsubscribeUrl().replaceFirst("^https?://[^/]+", ""),
				Map.of("List-Unsubscribe", "One-Click"));
		assertThat(done.status()).isEqualTo(200);
		String second = drop(community, this.clock.instant(), AccessMode.FIRST_COME);
		this.clock.set(this.drops.require(second).timeline().opensAt().plusSeconds(30));
		assertThat(this.openings.publishIfOpen(second)).isTrue();

		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> count(fan) == 1);
	}

	@Test
	void mailsADropForAnEarlierDropsBuyersOnlyToThoseBuyers() {
		Community community = community();
		String buyer = unique("live-buyer");
		String other = unique("live-not-buyer");
		AccountId buyerId = newsFan(buyer, true);
		this.communities.join(community.slug(), buyerId);
		this.communities.join(community.slug(), newsFan(other, true));
		String earlier = drop(community, this.clock.instant(), AccessMode.FIRST_COME);
		this.clock.set(this.drops.require(earlier).timeline().opensAt().plusSeconds(30));
		this.openings.publishIfOpen(earlier);
		await().atMost(Duration.ofSeconds(15)).until(() -> count(buyer) == 1 && count(other) == 1);
		Reservation hold = this.checkout.reserve(new ReserveRequest(earlier, "sku-" + earlier, 1, buyerId, null));
		this.orders.placeOrder(new PlaceOrder(hold.id(), buyerId, "4242424242424242",
				new Fulfilment(Fulfilment.Method.SHIPPING, null, "1 Add-on Road, Leeds")));
		String addOns = drop(community, this.clock.instant(), AccessMode.FIRST_COME);
		this.drops.changeFairness(addOns,
				new FairnessRules(false, false, false, null, false, null, this.drops.require(earlier).id()));

		this.clock.set(this.drops.require(addOns).timeline().opensAt().plusSeconds(30));
		assertThat(this.openings.publishIfOpen(addOns)).isTrue();

		await().atMost(Duration.ofSeconds(15)).until(() -> count(buyer) == 2);
		assertThat(newestMailTo(buyer, DropLiveMails.DROP_LIVE).subject()).isEqualTo("Drop " + addOns + " is live now");
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> count(other) == 1);
	}

	@Test
	void mailsNobodyWhenAWaitlistOnlyDropOpens() {
		Community community = community();
		String fan = unique("live-waitlist-only");
		AccountId id = newsFan(fan, true);
		this.communities.join(community.slug(), id);
		String drop = drop(community, this.clock.instant(), AccessMode.WAITLIST_ONLY);
		this.waitlists.join(drop, id);
		this.clock.set(this.drops.require(drop).timeline().opensAt().plusSeconds(30));

		assertThat(this.openings.publishIfOpen(drop)).isTrue();

		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> count(fan) == 0);
	}

	private Community community() {
		return this.communities.create(TestDrops.unique("live"), new CommunityDetails("Live News Club",
				"Drop-live mail tests.", null, null, 300, TestDrops.LONDON, 0, 31));
	}

	private String drop(Community community, Instant now, AccessMode mode) {
		String slug = TestDrops.unique("live-drop");
		Sku sku = this.catalog.create("sku-" + slug, new SkuDetails("Keycap", Money.of(1200, "GBP"), null, null, null));
		Instant opens = now.plus(Duration.ofHours(1));
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, community.id(), mode,
						new Timeline(now.minus(Duration.ofHours(1)), null, opens, opens.plus(Duration.ofDays(1))), 10,
						null, List.of(new NewDropItem(sku.id(), 10, 1))));
		this.drops.schedule(slug, new io.microdrops.drop.DropManagement.Scheduler(null, false), null);
		return slug;
	}

	private StoredMail awaitMail(String email) {
		return await().atMost(Duration.ofSeconds(15))
			.until(() -> newestMailTo(email, DropLiveMails.DROP_LIVE), found -> found != null);
	}

	private long count(String email) {
		return this.jdbc.queryForObject("select count(*) from mail_outbox where recipient = ? and template = ?",
				Long.class, email, DropLiveMails.DROP_LIVE);
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

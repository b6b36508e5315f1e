package io.microdrops.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.Role;
import io.microdrops.catalog.CatalogManagement;
import io.microdrops.catalog.SkuDetails;
import io.microdrops.community.CommunityDetails;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropPlan;
import io.microdrops.drop.NewDropItem;
import io.microdrops.drop.Timeline;
import io.microdrops.shared.Money;
import io.microdrops.waitlist.EarlyAccessOpened;
import io.microdrops.waitlist.WaitlistManagement;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WaitlistMailsIntegrationTests extends MailIntegrationTest {

	@Autowired
	CommunityManagement communities;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	DropManagement drops;

	@Autowired
	WaitlistManagement waitlists;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void mailsAConfirmedFanTheirPlaceButNotAnUnconfirmedOne() {
		String slug = announcedDrop();
		String confirmed = fan(true);
		String unconfirmed = fan(false);

		this.waitlists.join(slug, id(confirmed));
		this.waitlists.join(slug, id(unconfirmed));

		StoredMail joined = await().atMost(Duration.ofSeconds(15))
			.until(() -> newestMailTo(confirmed, WaitlistMails.JOINED), found -> found != null);
		assertThat(joined.subject()).contains("You are on the waitlist for Drop " + slug);
		assertThat(joined.textBody()).contains("number 1 on the waitlist").contains("/drops/" + slug);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> newestMailTo(unconfirmed, WaitlistMails.JOINED) == null);
	}

	@Test
	void invitesConfirmedWaitlistMembersInPositionOrderWhenEarlyAccessOpens() {
		String slug = announcedDrop();
		String first = fan(true);
		String skipped = fan(false);
		String third = fan(true);
		var view = this.drops.view(slug);

		this.transactions.executeWithoutResult(status -> this.events.publishEvent(
				new EarlyAccessOpened(view.drop().id(), slug, List.of(new EarlyAccessOpened.Invitee(id(first), 1),
						new EarlyAccessOpened.Invitee(id(skipped), 2), new EarlyAccessOpened.Invitee(id(third), 3)))));

		StoredMail toThird = await().atMost(Duration.ofSeconds(15))
			.until(() -> newestMailTo(third, WaitlistMails.INVITATION), found -> found != null);
		StoredMail toFirst = newestMailTo(first, WaitlistMails.INVITATION);
		assertThat(toFirst).isNotNull();
		assertThat(toFirst.subject()).isEqualTo("Drop " + slug + " is open to you now");
		assertThat(toFirst.textBody()).contains("Early access").contains("you are number 1");
		assertThat(toThird.textBody()).contains("you are number 3");
		assertThat(newestMailTo(skipped, WaitlistMails.INVITATION)).isNull();
		List<String> order = this.jdbc.queryForList(
				"select recipient from mail_outbox where template = ? and "
						+ "recipient in (?, ?) order by created_at, id",
				String.class, WaitlistMails.INVITATION, first, third);
		assertThat(order).containsExactly(first, third);
	}

	@Test
	void tellsTheWaitlistOfAFirstComeDropWithoutEarlyAccessThatItIsOpenToEveryone() {
		String slug = announcedDrop(false);
		String fan = fan(true);
		var view = this.drops.view(slug);

		this.transactions.executeWithoutResult(status -> this.events.publishEvent(
				new EarlyAccessOpened(view.drop().id(), slug, List.of(new EarlyAccessOpened.Invitee(id(fan), 1)))));

		StoredMail mail = await().atMost(Duration.ofSeconds(15))
			.until(() -> newestMailTo(fan, WaitlistMails.INVITATION), found -> found != null);
		assertThat(mail.subject()).isEqualTo("Drop " + slug + " is open to you now");
		assertThat(mail.textBody()).contains("is open now, to everyone, first come, first served")
			.doesNotContain("Early access");
	}

	@Test
	void tellsTheWaitlistOfADropWithAWaitingRoomToQueueNotThatItIsFirstCome() {
		String slug = announcedDrop(false);
		this.drops.configureWaitingRoom(slug, new io.microdrops.drop.WaitingRoomSettings(true, null));
		String fan = fan(true);
		var view = this.drops.view(slug);

		this.transactions.executeWithoutResult(status -> this.events.publishEvent(
				new EarlyAccessOpened(view.drop().id(), slug, List.of(new EarlyAccessOpened.Invitee(id(fan), 1)))));

		StoredMail mail = await().atMost(Duration.ofSeconds(15))
			.until(() -> newestMailTo(fan, WaitlistMails.INVITATION), found -> found != null);
		assertThat(mail.textBody()).contains("is open now, to everyone, through its waiting room")
			.contains("Join the queue on the drop page")
			.doesNotContain("first come");
	}

	private String announcedDrop() {
		return announcedDrop(true);
	}

	private String announcedDrop(boolean earlyAccess) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var community = this.communities.create("wm-" + suffix, new CommunityDetails("WM " + suffix,
				"Waitlist mail tests", null, null, 300, ZoneId.of("Europe/London"), 0, 31));
		var sku = this.catalog.create("wm-sku-" + suffix,
				new SkuDetails("SKU", Money.of(1000, "GBP"), null, null, null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String slug = "wm-drop-" + suffix;
		this.drops.createDraft(slug,
				new DropPlan("Drop " + slug, community.id(), AccessMode.FIRST_COME,
						new Timeline(now.minus(Duration.ofHours(1)), earlyAccess ? now.plus(Duration.ofDays(2)) : null,
								now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(4))),
						10, null, List.of(new NewDropItem(sku.id(), 10, 1))));
		this.drops.schedule(slug, new DropManagement.Scheduler(null, false), null);
		return slug;
	}

	private String fan(boolean confirmed) {
		String email = unique("wl");
		// Accounts created this way are confirmed; sign-up leaves an address unconfirmed.
		if (confirmed) {
			this.accounts.createIfAbsent(email, "Fan", "waitlist mail password", Set.of(Role.FAN));
		}
		else {
			this.accounts
				.signUpFan(new io.microdrops.account.AccountManagement.SignUp(email, "Fan", "waitlist mail password"));
		}
		return email;
	}

	private AccountId id(String email) {
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

}

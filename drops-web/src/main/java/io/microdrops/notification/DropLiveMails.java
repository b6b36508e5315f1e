package io.microdrops.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.community.CommunityManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropOpened;
import io.microdrops.drop.DropState;
import io.microdrops.drop.DropView;
import io.microdrops.waitlist.WaitlistManagement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The "drop live" mail: when a first-come drop opens to everyone, news to the fans of its
 * community and of its waitlist who agreed to drop news and confirmed their address. It
 * is marketing, so it carries the one-click unsubscribe link. Each fan gets it once per
 * drop, also when the event is delivered again or a fan is on both lists; a drop that is
 * sold out by the time the mail would go (its pre-orders took every unit) gets none.
 */
@Component
class DropLiveMails {

	static final String DROP_LIVE = "drop-live";

	private static final Log logger = LogFactory.getLog(DropLiveMails.class);

	private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

	private final AccountManagement accounts;

	private final CommunityManagement communities;

	private final WaitlistManagement waitlists;

	private final DropManagement drops;

	private final MailOutbox outbox;

	private final MailLinks links;

	private final JdbcClient jdbc;

	private final Clock clock;

	DropLiveMails(AccountManagement accounts, CommunityManagement communities, WaitlistManagement waitlists,
			DropManagement drops, MailOutbox outbox, MailLinks links, JdbcClient jdbc, Clock clock) {
		this.accounts = accounts;
		this.communities = communities;
		this.waitlists = waitlists;
		this.drops = drops;
		this.outbox = outbox;
		this.links = links;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(DropOpened event) {
		if (event.accessMode() != AccessMode.FIRST_COME) {
			// Waitlist-only drops never open to everyone; a draw decides who buys.
			return;
		}
		DropView drop = this.drops.view(event.slug());
		if (drop.state() != DropState.LIVE) {
			logger.info("No drop-live mail for " + event.slug() + ": it is " + drop.state());
			return;
		}
		Set<AccountId> fans = new LinkedHashSet<>(this.waitlists.members(event.drop()));
		fans.addAll(this.communities.members(event.community()));
		if (drop.drop().fairness().buyersOf() != null) {
			// A drop for an earlier drop's buyers only is news to them alone.
			Set<UUID> buyers = new HashSet<>(this.jdbc.sql("""
					select distinct o.account_id from orders o join drop_items i on i.id = o.drop_item_id
					where i.drop_id = ? and o.status = 'PAID'
					""").param(drop.drop().fairness().buyersOf().value()).query(UUID.class).list());
			fans.removeIf(fan -> !buyers.contains(fan.value()));
		}
		int queued = 0;
		for (AccountId fan : fans) {
			if (mail(fan, drop)) {
				queued++;
			}
		}
		logger.info("Drop " + event.slug() + " is live: news queued for " + queued + " of " + fans.size()
				+ " fans (the others have no consent, no confirmed address, or had it already)");
	}

	private boolean mail(AccountId fan, DropView drop) {
		if (!this.accounts.isEmailConfirmed(fan) || !this.accounts.hasMarketingConsent(fan)) {
			return false;
		}
		var contact = this.accounts.contactOf(fan);
		if (contact.isEmpty()) {
			return false;
		}
		boolean first = this.jdbc.sql("""
				insert into drop_live_mails (drop_id, account_id, queued_at) values (?, ?, ?)
				on conflict do nothing
				""").params(drop.drop().id().value(), fan.value(), Timestamp.from(this.clock.instant())).update() == 1;
		if (!first) {
			return false;
		}
		var timeline = drop.drop().timeline();
		return this.outbox.enqueue(OutgoingMail
			.marketing(fan, contact.get().email(), DROP_LIVE,
					Map.of("displayName", contact.get().displayName(), "dropTitle", drop.drop().title(), "community",
							drop.communityName(), "dropUrl", this.links.absolute("/drops/" + drop.drop().slug()),
							"closes", LOCAL_TIME.format(timeline.closesAt().atZone(drop.timeZone())), "zone",
							drop.timeZone().getId(), "queue", drop.drop().hasWaitingRoom()))
			.withSubjectArguments(drop.drop().title())).isPresent();
	}

}

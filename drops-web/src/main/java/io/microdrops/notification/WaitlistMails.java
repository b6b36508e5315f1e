package io.microdrops.notification;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.drop.AccessMode;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.waitlist.EarlyAccessOpened;
import io.microdrops.waitlist.WaitlistJoined;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The mail the waitlist's events call for: "you are on the waitlist" after a fan joins,
 * and the early-access invitation to every waitlisted fan, queued in position order. Only
 * confirmed addresses receive either: an unconfirmed address may not be the fan's.
 */
@Component
class WaitlistMails {

	static final String JOINED = "waitlist-joined";

	static final String INVITATION = "early-access-invitation";

	private static final Log logger = LogFactory.getLog(WaitlistMails.class);

	private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

	private final AccountManagement accounts;

	private final DropManagement drops;

	private final MailOutbox outbox;

	private final MailLinks links;

	WaitlistMails(AccountManagement accounts, DropManagement drops, MailOutbox outbox, MailLinks links) {
		this.accounts = accounts;
		this.drops = drops;
		this.outbox = outbox;
		this.links = links;
	}

	@ApplicationModuleListener
	void on(WaitlistJoined event) {
		DropView drop = this.drops.view(event.dropSlug());
		mailIfConfirmed(event.accountId(), JOINED, drop, event.position());
	}

	@ApplicationModuleListener
	void on(EarlyAccessOpened event) {
		DropView drop = this.drops.view(event.dropSlug());
		int queued = 0;
		for (EarlyAccessOpened.Invitee invitee : event.inPositionOrder()) {
			queued += mailIfConfirmed(invitee.accountId(), INVITATION, drop, invitee.position()) ? 1 : 0;
		}
		logger.info("Early access to " + event.dropSlug() + ": " + queued + " of " + event.inPositionOrder().size()
				+ " waitlisted fans invited (the others have not confirmed their address)");
	}

	private boolean mailIfConfirmed(AccountId account, String template, DropView drop, int position) {
		if (!this.accounts.isEmailConfirmed(account)) {
			return false;
		}
		return this.accounts.contactOf(account).map(contact -> {
			var timeline = drop.drop().timeline();
			Instant earlyAccess = (timeline.earlyAccessAt() != null) ? timeline.earlyAccessAt() : timeline.opensAt();
			// Without early access, the drop opens to its waitlist when it opens: to
			// everyone on a first-come drop (through its queue when it has a waiting
			// room), to the waitlist alone on a waitlist-only one.
			String body = (timeline.earlyAccessAt() != null) ? "body"
					: (drop.drop().accessMode() == AccessMode.WAITLIST_ONLY) ? "body.waitlist-only"
							: drop.drop().hasWaitingRoom() ? "body.everyone.queue" : "body.everyone";
			this.outbox.enqueue(OutgoingMail.transactional(account, contact.email(), template,
					Map.of("displayName", contact.displayName(), "dropTitle", drop.drop().title(), "position", position,
							"body", body, "dropUrl", this.links.absolute("/drops/" + drop.drop().slug()), "earlyAccess",
							local(earlyAccess, drop), "opens", local(timeline.opensAt(), drop), "zone",
							drop.timeZone().getId()))
				.withSubjectArguments(drop.drop().title()));
			return true;
		}).orElse(false);
	}

	private static String local(Instant instant, DropView drop) {
		return LOCAL_TIME.format(instant.atZone(drop.timeZone()));
	}

}

package io.microdrops.notification;

import java.util.Map;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.waitingroom.WaitingRoom;
import io.microdrops.waitingroom.WaitingRoomSoldOut;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The end of a waiting room: when every unit is sold, each fan still queued is told so by
 * mail, so that a fan who closed the page is not left waiting for a turn that may not
 * come. It answers the fan's own place in the queue, so it goes as transactional mail, to
 * confirmed addresses only, once per fan and drop (taken in this listener's transaction).
 */
@Component
class WaitingRoomMails {

	static final String SOLD_OUT = "queue-sold-out";

	private static final Log logger = LogFactory.getLog(WaitingRoomMails.class);

	private final WaitingRoom rooms;

	private final AccountManagement accounts;

	private final DropManagement drops;

	private final MailOutbox outbox;

	private final MailLinks links;

	WaitingRoomMails(WaitingRoom rooms, AccountManagement accounts, DropManagement drops, MailOutbox outbox,
			MailLinks links) {
		this.rooms = rooms;
		this.accounts = accounts;
		this.drops = drops;
		this.outbox = outbox;
		this.links = links;
	}

	@ApplicationModuleListener
	void on(WaitingRoomSoldOut event) {
		DropView drop = this.drops.view(event.slug());
		int told = 0;
		var fans = this.rooms.takeFansToTellOfSoldOut(event.drop());
		for (AccountId fan : fans) {
			if (mail(fan, drop)) {
				told++;
			}
		}
		logger.info("Waiting room of " + event.slug() + " sold out: " + told + " of " + fans.size()
				+ " queued fans told by mail (the others have no confirmed address)");
	}

	private boolean mail(AccountId fan, DropView drop) {
		if (!this.accounts.isEmailConfirmed(fan)) {
			return false;
		}
		return this.accounts.contactOf(fan)
			.flatMap(contact -> this.outbox.enqueue(OutgoingMail
				.transactional(fan, contact.email(), SOLD_OUT,
						Map.of("displayName", contact.displayName(), "dropTitle", drop.drop().title(), "dropUrl",
								this.links.absolute("/drops/" + drop.drop().slug())))
				.withSubjectArguments(drop.drop().title())))
			.isPresent();
	}

}

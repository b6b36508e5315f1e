package io.microdrops.notification;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.draw.DrawNotWon;
import io.microdrops.draw.DrawOfferMade;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The mail a draw calls for: to each fan drawn for a unit (at the draw, or when a unit
 * passes on to them), with the end of their purchase window and a link to buy; and to
 * every other entrant, with their place in the draw. Both are answers to the fan's own
 * entry, so they go out as transactional mail.
 */
@Component
class DrawMails {

	static final String WON = "draw-won";

	static final String NOT_WON = "draw-not-won";

	private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

	private final AccountManagement accounts;

	private final DropManagement drops;

	private final MailOutbox outbox;

	private final MailLinks links;

	DrawMails(AccountManagement accounts, DropManagement drops, MailOutbox outbox, MailLinks links) {
		this.accounts = accounts;
		this.drops = drops;
		this.outbox = outbox;
		this.links = links;
	}

	@ApplicationModuleListener
	void on(DrawOfferMade event) {
		DropView drop = this.drops.view(event.dropSlug());
		mail(event.fan(), WON, drop,
				Map.of("place", event.place(), "skuName", event.skuName(), "until",
						LOCAL_TIME.format(event.expiresAt().atZone(drop.timeZone())), "zone", drop.timeZone().getId(),
						"passedDown", event.passedDown(), "checkoutUrl",
						this.links.absolute("/checkout/" + event.reservation())));
	}

	@ApplicationModuleListener
	void on(DrawNotWon event) {
		DropView drop = this.drops.view(event.dropSlug());
		mail(event.fan(), NOT_WON, drop, Map.of("place", event.place(), "entrants", event.entrants(), "drawUrl",
				this.links.absolute("/drops/" + event.dropSlug() + "/draw")));
	}

	private void mail(AccountId fan, String template, DropView drop, Map<String, Object> details) {
		// Only to an address its owner confirmed; entering needs one, so this spares only
		// entries made before that rule (they see how it went on the draw page).
		if (!this.accounts.isEmailConfirmed(fan)) {
			return;
		}
		this.accounts.contactOf(fan).ifPresent(contact -> {
			Map<String, Object> model = new java.util.HashMap<>(details);
			model.put("displayName", contact.displayName());
			model.put("dropTitle", drop.drop().title());
			this.outbox.enqueue(OutgoingMail.transactional(fan, contact.email(), template, model)
				.withSubjectArguments(drop.drop().title()));
		});
	}

}

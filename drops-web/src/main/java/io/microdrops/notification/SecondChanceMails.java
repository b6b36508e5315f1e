package io.microdrops.notification;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.microdrops.account.AccountManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.secondchance.SecondChanceOffered;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The mail a second chance calls for: to the waitlisted fan a unit that came back is held
 * for, with the edition, the end of the offer and a link to pay. It answers the fan's own
 * place on the drop's waitlist, so it goes out as transactional mail, as the waitlist's
 * and the draw's mails do.
 */
@Component
class SecondChanceMails {

	static final String OFFER = "second-chance";

	private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

	private final AccountManagement accounts;

	private final DropManagement drops;

	private final MailOutbox outbox;

	private final MailLinks links;

	SecondChanceMails(AccountManagement accounts, DropManagement drops, MailOutbox outbox, MailLinks links) {
		this.accounts = accounts;
		this.drops = drops;
		this.outbox = outbox;
		this.links = links;
	}

	@ApplicationModuleListener
	void on(SecondChanceOffered event) {
		DropView drop = this.drops.view(event.dropSlug());
		this.accounts.contactOf(event.fan()).ifPresent(contact -> {
			Map<String, Object> model = new HashMap<>();
			model.put("displayName", contact.displayName());
			model.put("dropTitle", drop.drop().title());
			model.put("skuName", event.skuName());
			model.put("edition", event.edition());
			model.put("until", LOCAL_TIME.format(event.expiresAt().atZone(drop.timeZone())));
			model.put("zone", drop.timeZone().getId());
			model.put("checkoutUrl", this.links.absolute("/checkout/" + event.reservation()));
			this.outbox.enqueue(OutgoingMail.transactional(event.fan(), contact.email(), OFFER, model)
				.withSubjectArguments(drop.drop().title()));
		});
	}

}

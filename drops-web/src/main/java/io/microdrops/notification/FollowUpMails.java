package io.microdrops.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.Contact;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.fulfilment.OrderDelivered;
import io.microdrops.fulfilment.PickupCollected;
import io.microdrops.offer.FollowUp;
import io.microdrops.offer.FollowUpManagement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The follow-up mail: a set time after a fan collected or received an order, the drop's
 * follow-up offer (thank-you note, add-ons, an early-access code for the community's next
 * drop). It is marketing: only fans who agreed to drop news and confirmed their address
 * get it, with the one-click unsubscribe link; a fan without consent gets none, and no
 * code. Each fan is followed up once per drop: the follow-up is completed in the
 * transaction that queues its mail.
 */
@Component
class FollowUpMails {

	static final String FOLLOW_UP = "follow-up";

	private static final Log logger = LogFactory.getLog(FollowUpMails.class);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

	private final FollowUpManagement followUps;

	private final OrderManagement orders;

	private final AccountManagement accounts;

	private final MailOutbox outbox;

	private final MailLinks links;

	private final TransactionTemplate transactions;

	private final Clock clock;

	FollowUpMails(FollowUpManagement followUps, OrderManagement orders, AccountManagement accounts, MailOutbox outbox,
			MailLinks links, PlatformTransactionManager transactionManager, Clock clock) {
		this.followUps = followUps;
		this.orders = orders;
		this.accounts = accounts;
		this.outbox = outbox;
		this.links = links;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(PickupCollected event) {
		received(event.order(), event.fan(), event.collectedAt());
	}

	@ApplicationModuleListener
	void on(OrderDelivered event) {
		received(event.order(), event.fan(), event.deliveredAt());
	}

	private void received(java.util.UUID order, io.microdrops.account.AccountId fan, Instant at) {
		Optional<Order> found = this.orders.find(order, fan);
		if (found.isEmpty()) {
			logger.warn("No follow-up for order " + order + ": not found for its fan");
			return;
		}
		this.followUps.received(order, fan, found.get().dropSlug(), at);
	}

	/**
	 * Mails the follow-ups that are due, each in a transaction of its own.
	 * @param limit the most to handle in this call
	 * @return how many were mailed
	 */
	int sendDue(int limit) {
		Instant now = this.clock.instant();
		List<FollowUpManagement.Due> due = this.followUps.due(now, limit);
		int mailed = 0;
		for (FollowUpManagement.Due each : due) {
			try {
				Boolean sent = this.transactions.execute(status -> send(each, now));
				if (Boolean.TRUE.equals(sent)) {
					mailed++;
				}
			}
			catch (RuntimeException ex) {
				// One broken follow-up must not hold up the others behind it; it is
				// tried again on the next run.
				logger.warn("Follow-up " + each.id() + " was not sent: " + ex.getMessage(), ex);
			}
		}
		if (!due.isEmpty()) {
			logger.info("Follow-ups: " + mailed + " of " + due.size()
					+ " due mailed (the others have no consent or no confirmed address)");
		}
		return mailed;
	}

	private boolean send(FollowUpManagement.Due due, Instant now) {
		Optional<Contact> contact = this.accounts.contactOf(due.fan());
		boolean consent = contact.isPresent() && this.accounts.isEmailConfirmed(due.fan())
				&& this.accounts.hasMarketingConsent(due.fan());
		Optional<FollowUp> followUp = this.followUps.complete(due.id(), consent, now);
		if (followUp.isEmpty()) {
			return false;
		}
		FollowUp mail = followUp.get();
		Map<String, Object> model = new HashMap<>();
		model.put("displayName", contact.get().displayName());
		model.put("dropTitle", mail.dropTitle());
		model.put("community", mail.communityName());
		model.put("note", mail.thankYouNote());
		model.put("addOns", mail.addOns()
			.stream()
			// The drop selling it to the buyers only, else the SKU's own page.
			.map(addOn -> Map.of("name", addOn.name(), "url",
					this.links
						.absolute((addOn.dropSlug() != null) ? "/drops/" + addOn.dropSlug() : "/skus/" + addOn.slug())))
			.toList());
		model.put("communityUrl", this.links.absolute("/communities/" + mail.communitySlug()));
		if (mail.code() != null) {
			model.put("code", mail.code().code());
			model.put("earlyHours", mail.code().earlyHours());
			model.put("expires", DAY.format(mail.code().expiresAt().atZone(mail.zone())));
		}
		return this.outbox
			.enqueue(OutgoingMail.marketing(due.fan(), contact.get().email(), FOLLOW_UP, model)
				.withSubjectArguments(mail.dropTitle()))
			.isPresent();
	}

}

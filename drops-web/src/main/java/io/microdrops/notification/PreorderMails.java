package io.microdrops.notification;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropView;
import io.microdrops.preorder.Preorder;
import io.microdrops.preorder.PreorderConfirmed;
import io.microdrops.preorder.PreorderFailed;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.preorder.PreordersVoided;
import io.microdrops.shared.Money;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The mail the pre-order settlement calls for, each once per pre-order: confirmed (it
 * became an order, with editions and what was charged), voided (the drop missed its
 * threshold; nothing charged) and failed (the drop went ahead, but this pre-order could
 * not become an order; nothing charged). Transactional mail: it tells a fan about their
 * own money, so it goes out whatever their marketing consent, like order mail.
 */
@Component
class PreorderMails {

	static final String CONFIRMED = "preorder-confirmed";

	static final String VOIDED = "preorder-voided";

	static final String FAILED = "preorder-failed";

	private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

	private final AccountManagement accounts;

	private final PreorderManagement preorders;

	private final OrderManagement orders;

	private final DropManagement drops;

	private final MailOutbox outbox;

	private final MailLinks links;

	PreorderMails(AccountManagement accounts, PreorderManagement preorders, OrderManagement orders,
			DropManagement drops, MailOutbox outbox, MailLinks links) {
		this.accounts = accounts;
		this.preorders = preorders;
		this.orders = orders;
		this.drops = drops;
		this.outbox = outbox;
		this.links = links;
	}

	@ApplicationModuleListener
	void on(PreorderConfirmed event) {
		Preorder preorder = this.preorders.find(event.preorder(), event.fan()).orElseThrow();
		Order order = this.orders.find(event.order(), event.fan()).orElseThrow();
		String editions = order.editions()
			.stream()
			.map(edition -> "#" + edition + ((order.editionSize() != null) ? " of " + order.editionSize() : ""))
			.collect(Collectors.joining(", "));
		Map<String, Object> model = model(preorder);
		model.put("number", order.number());
		model.put("editions", editions);
		model.put("total", text(Money.of(order.totalMinor(), order.currency())));
		model.put("orderUrl", this.links.absolute("/account/orders/" + order.id()));
		send(event.fan(), CONFIRMED, model, preorder);
	}

	@ApplicationModuleListener
	void on(PreordersVoided event) {
		DropView drop = this.drops.view(event.dropSlug());
		for (PreordersVoided.Voided voided : event.voided()) {
			this.preorders.find(voided.preorder(), voided.fan()).ifPresent(preorder -> {
				Map<String, Object> model = model(preorder);
				model.put("units", event.units());
				model.put("threshold", (event.threshold() != null) ? event.threshold() : "");
				model.put("hadThreshold", event.threshold() != null);
				model.put("deadline", LOCAL_TIME.format(preorder.deadline().atZone(drop.timeZone())));
				model.put("zone", drop.timeZone().getId());
				send(voided.fan(), VOIDED, model, preorder);
			});
		}
	}

	@ApplicationModuleListener
	void on(PreorderFailed event) {
		Preorder preorder = this.preorders.find(event.preorder(), event.fan()).orElseThrow();
		Map<String, Object> model = model(preorder);
		model.put("failure", event.failure().name());
		model.put("detail", (preorder.failureDetail() != null) ? preorder.failureDetail() : "");
		send(event.fan(), FAILED, model, preorder);
	}

	private Map<String, Object> model(Preorder preorder) {
		Map<String, Object> model = new HashMap<>();
		model.put("dropTitle", preorder.dropTitle());
		model.put("item", preorder.skuName());
		model.put("quantity", preorder.quantity());
		model.put("estimate", text(preorder.total()));
		model.put("dropUrl", this.links.absolute("/drops/" + preorder.dropSlug()));
		model.put("preordersUrl", this.links.absolute("/account/preorders"));
		return model;
	}

	private void send(AccountId fan, String template, Map<String, Object> model, Preorder preorder) {
		this.accounts.contactOf(fan).ifPresent(contact -> {
			model.put("displayName", contact.displayName());
			this.outbox.enqueue(OutgoingMail.transactional(fan, contact.email(), template, model)
				.withSubjectArguments(preorder.dropTitle()));
		});
	}

	private static String text(Money money) {
		return money.toMajor().toPlainString() + " " + money.currency().getCurrencyCode();
	}

}

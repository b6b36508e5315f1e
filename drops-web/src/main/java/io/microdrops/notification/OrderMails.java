package io.microdrops.notification;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.stream.Collectors;

import io.microdrops.account.AccountManagement;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.OrderPlaced;
import io.microdrops.preorder.PreorderManagement;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The order confirmation: queued once per placed order, through the event publication
 * registry, so a crash between payment and mail loses nothing. Sent to the address the
 * account has, confirmed or not: the fan just paid and needs the receipt. A confirmed
 * pre-order's order gets none: its fan receives the pre-order confirmation, which carries
 * the order number, editions and total, as their one mail.
 */
@Component
class OrderMails {

	static final String CONFIRMATION = "order-confirmation";

	private final AccountManagement accounts;

	private final OrderManagement orders;

	private final MailOutbox outbox;

	private final MailLinks links;

	private final PreorderManagement preorders;

	OrderMails(AccountManagement accounts, OrderManagement orders, MailOutbox outbox, MailLinks links,
			PreorderManagement preorders) {
		this.preorders = preorders;
		this.accounts = accounts;
		this.orders = orders;
		this.outbox = outbox;
		this.links = links;
	}

	@ApplicationModuleListener
	void on(OrderPlaced event) {
		var order = this.orders.find(event.order(), event.fan()).orElseThrow();
		if (this.preorders.isPreorderHold(order.reservation())) {
			return;
		}
		this.accounts.contactOf(event.fan()).ifPresent(contact -> {
			String editions = order.editions()
				.stream()
				.map(edition -> "#" + edition + ((order.editionSize() != null) ? " of " + order.editionSize() : ""))
				.collect(Collectors.joining(", "));
			String total = BigDecimal
				.valueOf(order.totalMinor(), Currency.getInstance(order.currency()).getDefaultFractionDigits())
				.toPlainString() + " " + order.currency();
			this.outbox.enqueue(OutgoingMail
				.transactional(event.fan(), contact.email(), CONFIRMATION,
						Map.of("displayName", contact.displayName(), "number", order.number(), "item", order.skuName(),
								"editions", editions, "total", total, "orderUrl",
								this.links.absolute("/account/orders/" + order.id())))
				.withSubjectArguments(order.number()));
		});
	}

}

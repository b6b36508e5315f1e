package io.microdrops.notification;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.microdrops.account.AccountManagement;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.OrderPlaced;
import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.HubManagement;
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

	private final HubManagement hubs;

	OrderMails(AccountManagement accounts, OrderManagement orders, MailOutbox outbox, MailLinks links,
			PreorderManagement preorders, HubManagement hubs) {
		this.preorders = preorders;
		this.hubs = hubs;
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
			Map<String, Object> model = new HashMap<>(Map.of("displayName", contact.displayName(), "number",
					order.number(), "item", order.skuName(), "editions", editions, "total", total, "orderUrl",
					this.links.absolute("/account/orders/" + order.id())));
			// The event's choice is the one checked, with its day and slot.
			model.putAll(gettingThere(event.fulfilment()));
			this.outbox.enqueue(OutgoingMail.transactional(event.fan(), contact.email(), CONFIRMATION, model)
				.withSubjectArguments(order.number()));
		});
	}

	/**
	 * How the order reaches the fan, as the receipt says it: the pickup's hub and time,
	 * the local delivery's day (which a payment after the hub's cut-off moves to its next
	 * opening day), or the shipping address.
	 */
	private Map<String, Object> gettingThere(Fulfilment fulfilment) {
		Map<String, Object> model = new HashMap<>();
		if (fulfilment == null || fulfilment.method() == null) {
			return model;
		}
		Optional<Hub> hub = (fulfilment.hub() != null) ? this.hubs.find(fulfilment.hub()) : Optional.empty();
		if (fulfilment.method() != Fulfilment.Method.SHIPPING && hub.isEmpty()) {
			// No hub to name (it cannot be found): the order page says the rest.
			return model;
		}
		model.put("method", fulfilment.method().name());
		model.put("address", (fulfilment.address() != null) ? fulfilment.address() : "");
		model.put("hubName", hub.map(Hub::name).orElse(""));
		model.put("hubAddress", hub.map(Hub::address).orElse(""));
		// The slot's end from the hub's slots of that day, as the pickup-ready mail has
		// it.
		Optional<Hub.PickupSlot> slot = (fulfilment.day() != null && fulfilment.slot() != null)
				? hub.flatMap(found -> found.slotsOn(fulfilment.day())
					.stream()
					.filter(candidate -> candidate.starts().equals(fulfilment.slot()))
					.findFirst())
				: Optional.empty();
		model.put("when",
				FulfilmentMails.when(fulfilment.day(), fulfilment.slot(), slot.map(Hub.PickupSlot::ends).orElse(null)));
		return model;
	}

}

package io.microdrops.notification;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.checkout.OrderReturned;
import io.microdrops.fulfilment.DeliveryOnItsWay;
import io.microdrops.fulfilment.FanFulfilment;
import io.microdrops.fulfilment.FulfilmentManagement;
import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.HubManagement;
import io.microdrops.fulfilment.OrderShipped;
import io.microdrops.fulfilment.PickupReady;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells fans where their order is: ready for pickup (with the code and its QR image), out
 * for delivery, shipped (with the tracking number), and taken back: cancelled by ops
 * (with their reason) or not collected, refunded either way. Each mail is queued once per
 * event, through the event publication registry; the take-back mail only once checkout
 * has refunded the order, so it never promises a refund that did not happen.
 */
@Component
class FulfilmentMails {

	static final String PICKUP_READY = "pickup-ready";

	static final String OUT_FOR_DELIVERY = "out-for-delivery";

	static final String SHIPPED = "order-shipped";

	static final String CANCELLED = "order-cancelled";

	static final String NOT_COLLECTED = "pickup-not-collected";

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

	private final AccountManagement accounts;

	private final HubManagement hubs;

	private final MailOutbox outbox;

	private final MailLinks links;

	private final FulfilmentManagement fulfilment;

	FulfilmentMails(AccountManagement accounts, HubManagement hubs, MailOutbox outbox, MailLinks links,
			FulfilmentManagement fulfilment) {
		this.accounts = accounts;
		this.hubs = hubs;
		this.fulfilment = fulfilment;
		this.outbox = outbox;
		this.links = links;
	}

	/**
	 * A day and, for a pickup, its slot, as the mails say them: "Monday 30 November,
	 * 11:00–13:00" ("from 11:00" when the slot's end is not known); empty without a day.
	 * The fan's orders list says them alike.
	 * @param day the day, or {@code null}
	 * @param slotStarts the slot's start, or {@code null}
	 * @param slotEnds the slot's end, or {@code null}
	 * @return the words
	 */
	public static String when(LocalDate day, LocalTime slotStarts, LocalTime slotEnds) {
		if (day == null) {
			return "";
		}
		if (slotStarts == null) {
			return DAY.format(day);
		}
		return DAY.format(day) + ", " + ((slotEnds != null) ? slotStarts + "–" + slotEnds : "from " + slotStarts);
	}

	@ApplicationModuleListener
	void on(PickupReady event) {
		Hub hub = this.hubs.find(event.hub()).orElseThrow();
		Map<String, Object> model = new HashMap<>();
		model.put("number", event.orderNumber());
		model.put("code", event.pickupCode());
		model.put("qrUrl", this.links.absolute("/pickup-codes/" + event.imageToken() + ".png"));
		model.put("hubName", hub.name());
		model.put("hubAddress", hub.address());
		model.put("when", when(event.day(), event.slotStarts(), event.slotEnds()));
		send(event.fan(), PICKUP_READY, event.orderNumber(), event.order(), model);
	}

	@ApplicationModuleListener
	void on(DeliveryOnItsWay event) {
		Map<String, Object> model = new HashMap<>();
		model.put("number", event.orderNumber());
		model.put("when", when(event.day(), null, null));
		send(event.fan(), OUT_FOR_DELIVERY, event.orderNumber(), event.order(), model);
	}

	@ApplicationModuleListener
	void on(OrderShipped event) {
		Map<String, Object> model = new HashMap<>();
		model.put("number", event.orderNumber());
		model.put("tracking", event.trackingNumber());
		send(event.fan(), SHIPPED, event.orderNumber(), event.order(), model);
	}

	@ApplicationModuleListener
	void on(OrderReturned event) {
		Map<String, Object> model = new HashMap<>();
		model.put("number", event.number());
		if (event.cause() == OrderReturned.Cause.CANCELLED) {
			model.put("reason",
					this.fulfilment.forFan(event.order(), event.fan()).map(FanFulfilment::cancelReason).orElse(""));
			send(event.fan(), CANCELLED, event.number(), event.order(), model);
		}
		else {
			send(event.fan(), NOT_COLLECTED, event.number(), event.order(), model);
		}
	}

	private void send(AccountId fan, String template, String number, java.util.UUID order, Map<String, Object> model) {
		this.accounts.contactOf(fan).ifPresent(contact -> {
			model.put("displayName", contact.displayName());
			model.put("orderUrl", this.links.absolute("/account/orders/" + order));
			this.outbox.enqueue(
					OutgoingMail.transactional(fan, contact.email(), template, model).withSubjectArguments(number));
		});
	}

}

package io.microdrops.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.CheckoutRefusedException;
import io.microdrops.checkout.FulfilmentRefusedException;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PaymentProvider;
import io.microdrops.checkout.PaymentUnavailableException;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.drop.DropManagement;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.drop.DropView;
import io.microdrops.fulfilment.FanFulfilment;
import io.microdrops.fulfilment.FulfilmentChoices;
import io.microdrops.fulfilment.Hub;
import io.microdrops.fulfilment.HubManagement;
import io.microdrops.fulfilment.FulfilmentManagement;
import io.microdrops.fulfilment.FulfilmentStatus;
import io.microdrops.recognition.Recognition;
import io.microdrops.web.SignedInUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The fan's checkout in pages: reserve from the drop page, pay on the checkout page while
 * the hold lasts, then see the order. Every form carries an idempotency key, so a double
 * click or a browser retry never makes a second hold or order.
 */
@Controller
class CheckoutController {

	static final String VIEW_CHECKOUT = "storefront/checkout/show";

	static final String VIEW_ORDERS = "storefront/account/orders";

	static final String VIEW_ORDER = "storefront/account/order";

	/** Longer than fulfilment ever takes to take a placed order over. */
	private static final java.time.Duration FULFILMENT_TAKES_OVER = java.time.Duration.ofHours(1);

	private final Checkout checkout;

	private final OrderManagement orders;

	private final DropManagement drops;

	private final PaymentProvider payments;

	private final java.time.Clock clock;

	private final FulfilmentChoices fulfilmentChoices;

	private final FulfilmentManagement fulfilment;

	private final Recognition recognition;

	private final HubManagement hubs;

	CheckoutController(Checkout checkout, OrderManagement orders, DropManagement drops, PaymentProvider payments,
			java.time.Clock clock, FulfilmentChoices fulfilmentChoices, FulfilmentManagement fulfilment,
			Recognition recognition, HubManagement hubs) {
		this.checkout = checkout;
		this.orders = orders;
		this.drops = drops;
		this.payments = payments;
		this.clock = clock;
		this.fulfilmentChoices = fulfilmentChoices;
		this.fulfilment = fulfilment;
		this.recognition = recognition;
		this.hubs = hubs;
	}

	@PostMapping("/drops/{slug}/reserve")
	String reserve(@PathVariable String slug, @RequestParam String sku, @RequestParam(defaultValue = "1") int quantity,
			@RequestParam(required = false) String key, @RequestParam(required = false) String admission,
			@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		String idempotencyKey = (key != null && !key.isBlank() && key.length() <= 100) ? key : null;
		try {
			Reservation hold = this.checkout
				.reserve(new ReserveRequest(slug, sku, quantity, user.accountId(), idempotencyKey, admission));
			return "redirect:/checkout/" + hold.id();
		}
		catch (CheckoutRefusedException ex) {
			redirect.addFlashAttribute("message", "checkout.refused." + refusalKey(ex));
			// A refusal is not a success: sold out reads neutral, anything else as a
			// problem.
			redirect.addFlashAttribute("messageTone",
					(ex.reason() == CheckoutRefusedException.Reason.SOLD_OUT) ? "sold-out" : "refused");
			return "redirect:/drops/" + slug;
		}
	}

	@GetMapping("/checkout/{id}")
	String show(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model) {
		Reservation hold = this.checkout.find(id, user.accountId())
			.orElseThrow(() -> new DropNotFoundException(id.toString()));
		if (hold.status() == Reservation.Status.ORDERED) {
			return this.orders.ordersOf(user.accountId())
				.stream()
				.filter(order -> order.reservation().equals(id))
				.findFirst()
				.map(order -> "redirect:/account/orders/" + order.id())
				.orElseThrow();
		}
		DropView view = this.drops.view(hold.dropSlug());
		DropView.Item item = view.items()
			.stream()
			.filter(candidate -> candidate.sku().slug().equals(hold.sku()))
			.findFirst()
			.orElseThrow();
		long secondsLeft = Math.max(0, Duration.between(this.clock.instant(), hold.expiresAt()).toSeconds());
		model.addAttribute("hold", hold);
		// HTML's datetime takes at most milliseconds.
		model.addAttribute("expiresDatetime", hold.expiresAt().truncatedTo(ChronoUnit.SECONDS));
		model.addAttribute("view", view);
		model.addAttribute("item", item);
		model.addAttribute("secondsLeft", secondsLeft);
		model.addAttribute("clockLeft", String.format("%02d:%02d", secondsLeft / 60, secondsLeft % 60));
		boolean held = hold.status() == Reservation.Status.HELD && secondsLeft > 0;
		model.addAttribute("held", held);
		// Past its expiry a hold still being paid for is not "ended, nothing charged".
		model.addAttribute("paying", !held && hold.status() == Reservation.Status.HELD
				&& this.checkout.paymentInFlight(id, user.accountId()));
		model.addAttribute("totalMinor", item.sku().price().times(hold.quantity()));
		model.addAttribute("provider", this.payments.name());
		// What the page names (the total, the delivery days) is checked against this
		// moment when the fan pays.
		model.addAttribute("shownAt", this.clock.instant());
		model.addAttribute("choices", this.fulfilmentChoices.choicesFor(item.item().id(), hold.quantity()));
		return VIEW_CHECKOUT;
	}

	@PostMapping("/checkout/{id}/pay")
	String pay(@PathVariable UUID id, @RequestParam(defaultValue = "") String cardNumber, FulfilmentChoiceForm choice,
			@RequestParam Map<String, String> fields, @RequestParam(required = false) String key,
			@RequestParam(required = false) String shownTotal, @RequestParam(required = false) String shownCurrency,
			@RequestParam(required = false) String shownAt, @AuthenticationPrincipal SignedInUser user,
			RedirectAttributes redirect) {
		String idempotencyKey = (key != null && !key.isBlank() && key.length() <= 100) ? key : null;
		try {
			Order order = this.orders.placeOrder(new PlaceOrder(id, user.accountId(), cardNumber,
					choice.toFulfilment(fields), shown(shownTotal, shownCurrency), moment(shownAt)), idempotencyKey);
			redirect.addFlashAttribute("message", "checkout.paid");
			return "redirect:/account/orders/" + order.id();
		}
		catch (FulfilmentRefusedException ex) {
			// Flash attributes live in the session store: plain strings only.
			redirect.addFlashAttribute("fulfilmentError", ex.messageKey());
			redirect.addFlashAttribute("fulfilmentArguments",
					java.util.Arrays.stream(ex.arguments()).map(String::valueOf).toArray(String[]::new));
			redirect.addFlashAttribute("fulfilmentField", FulfilmentChoiceForm.formField(ex.field()));
			redirect.addFlashAttribute("chosen", choice.values(fields));
			return "redirect:/checkout/" + id;
		}
		catch (CheckoutRefusedException ex) {
			if (ex.reason() == CheckoutRefusedException.Reason.NOT_FOUND) {
				// Someone else's hold, or none: the same page as for an unknown one.
				throw new DropNotFoundException(id.toString());
			}
			redirect.addFlashAttribute("refusal", refusalKey(ex));
			redirect.addFlashAttribute("declineReason",
					(ex.reason() == CheckoutRefusedException.Reason.PAYMENT_DECLINED) ? ex.getMessage() : null);
			// The fan tries again with another card, not another address or hub.
			redirect.addFlashAttribute("chosen", choice.values(fields));
			return "redirect:/checkout/" + id;
		}
		catch (PaymentUnavailableException ex) {
			redirect.addFlashAttribute("refusal", "PAYMENT_UNAVAILABLE");
			redirect.addFlashAttribute("chosen", choice.values(fields));
			return "redirect:/checkout/" + id;
		}
	}

	/**
	 * The total the page showed, as its hidden fields carry it; none when they are
	 * missing or were altered out of shape (the fan then pays what the hold costs).
	 */
	private static PlaceOrder.Total shown(String total, String currency) {
		if (total == null || currency == null || !total.matches("\\d{1,15}") || !currency.matches("[A-Z]{3}")) {
			return null;
		}
		return new PlaceOrder.Total(Long.parseLong(total), currency);
	}

	/**
	 * The moment the page was shown, as its hidden field carries it; none when missing or
	 * altered out of shape (the day checks then go by the moment of payment alone).
	 */
	private static Instant moment(String shownAt) {
		if (shownAt == null || shownAt.length() > 40) {
			return null;
		}
		try {
			return Instant.parse(shownAt);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Names a refusal for its message: which identity reached the cap, which account
	 * requirement was missed, whether a hold released while paying was refunded, or the
	 * reason alone.
	 */
	static String refusalKey(CheckoutRefusedException ex) {
		return switch (ex.reason()) {
			case IDENTITY_CAP, ACCOUNT_REQUIREMENT -> ex.reason().name() + "." + ex.getMessage();
			case NOT_HELD -> ex.refunded() ? "NOT_HELD.REFUNDED" : "NOT_HELD";
			default -> ex.reason().name();
		};
	}

	@PostMapping("/checkout/{id}/release")
	String release(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		Reservation hold = this.checkout.find(id, user.accountId())
			.orElseThrow(() -> new DropNotFoundException(id.toString()));
		try {
			this.checkout.release(id, user.accountId());
			redirect.addFlashAttribute("message", "checkout.released");
		}
		catch (CheckoutRefusedException ex) {
			redirect.addFlashAttribute("message", "checkout.refused." + ex.reason().name());
		}
		return "redirect:/drops/" + hold.dropSlug();
	}

	@GetMapping("/account/orders")
	String orders(@AuthenticationPrincipal SignedInUser user, Model model) {
		List<Order> placed = this.orders.ordersOf(user.accountId());
		model.addAttribute("orders", placed);
		// Each order's date as its drop's community tells time.
		model.addAttribute("zones", this.drops.timeZonesOf(placed.stream().map(Order::dropSlug).toList()));
		// Where each is and when it comes; cancelled by ops and still paid: their refund
		// is yet to be made.
		model.addAttribute("fulfilments", this.fulfilment.ofFan(user.accountId()));
		return VIEW_ORDERS;
	}

	@GetMapping("/account/orders/{id}")
	String order(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model) {
		Order order = this.orders.find(id, user.accountId())
			.orElseThrow(() -> new DropNotFoundException(id.toString()));
		FanFulfilment fulfilment = this.fulfilment.forFan(id, user.accountId()).orElse(null);
		model.addAttribute("order", order);
		model.addAttribute("fulfilment", fulfilment);
		model.addAttribute("zone",
				this.drops.timeZonesOf(List.of(order.dropSlug())).getOrDefault(order.dropSlug(), ZoneOffset.UTC));
		// The hub by its name, also for an order fulfilment has no record of (one from
		// before it kept them).
		String hub = order.fulfilment().hub();
		model.addAttribute("hubName", (fulfilment != null && fulfilment.hubName() != null) ? fulfilment.hubName()
				: (hub != null) ? this.hubs.find(hub).map(Hub::name).orElse(hub) : null);
		// Fulfilment takes an order over a moment after it is placed: until then the page
		// says so; an older order without a record has nothing to say.
		model.addAttribute("fulfilmentComing",
				fulfilment == null && order.createdAt().isAfter(this.clock.instant().minus(FULFILMENT_TAKES_OVER)));
		// Celebrated while the fan keeps it: not once taken back, nor once ops cancelled
		// it and its refund is under way.
		if (order.status() == Order.Status.PAID
				&& (fulfilment == null || fulfilment.status() != FulfilmentStatus.CANCELLED)) {
			this.recognition.forOrder(id, user.accountId()).ifPresent(recognised -> {
				model.addAttribute("recognition", recognised);
				model.addAttribute("recognitionOrdinal", Ordinals.of(recognised.ordinal()));
			});
		}
		return VIEW_ORDER;
	}

}

package io.microdrops.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.microdrops.checkout.Checkout;
import io.microdrops.checkout.Fulfilment;
import io.microdrops.checkout.Order;
import io.microdrops.checkout.OrderManagement;
import io.microdrops.checkout.PlaceOrder;
import io.microdrops.checkout.Reservation;
import io.microdrops.checkout.ReserveRequest;
import io.microdrops.fulfilment.FanFulfilment;
import io.microdrops.fulfilment.FulfilmentManagement;
import io.microdrops.fulfilment.FulfilmentStatus;
import io.microdrops.web.SignedInUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fans' checkout on the API: hold units, give them back, pay, read one's orders.
 * Reserving and ordering take an {@code Idempotency-Key}: a retry with the same key and
 * body gets the first answer again, refusals included.
 */
@RestController
class CheckoutApi {

	private final Checkout checkout;

	private final OrderManagement orders;

	private final FulfilmentManagement fulfilment;

	CheckoutApi(Checkout checkout, OrderManagement orders, FulfilmentManagement fulfilment) {
		this.checkout = checkout;
		this.orders = orders;
		this.fulfilment = fulfilment;
	}

	@PostMapping("/api/v1/drops/{slug}/reservations")
	@ResponseStatus(HttpStatus.CREATED)
	ReservationJson reserve(@PathVariable String slug, @Valid @RequestBody ReserveBody body,
			@RequestHeader(name = "Idempotency-Key",
					required = false) @Size(max = ReserveRequest.MAX_IDEMPOTENCY_KEY_LENGTH) String key,
			@RequestHeader(name = "Admission-Token",
					required = false) @Size(max = ReserveRequest.MAX_ADMISSION_TOKEN_LENGTH) String admission,
			@AuthenticationPrincipal SignedInUser user) {
		return ReservationJson.of(this.checkout
			.reserve(new ReserveRequest(slug, body.sku(), body.quantity(), user.accountId(), key, admission)));
	}

	@DeleteMapping("/api/v1/reservations/{id}")
	ResponseEntity<Void> release(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
		this.checkout.release(id, user.accountId());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/reservations/{id}/order")
	@ResponseStatus(HttpStatus.CREATED)
	OrderJson order(@PathVariable UUID id, @Valid @RequestBody OrderBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 100) String key,
			@AuthenticationPrincipal SignedInUser user) {
		FulfilmentBody choice = body.fulfilment();
		Fulfilment fulfilment = new Fulfilment(choice.method(), choice.hub(), choice.address(), choice.postcode(),
				choice.latitude(), choice.longitude(), choice.day(), choice.slot());
		ShownTotal shown = body.shownTotal();
		Order order = this.orders.placeOrder(new PlaceOrder(id, user.accountId(), body.payment().cardNumber(),
				fulfilment, (shown != null) ? new PlaceOrder.Total(shown.totalMinor(), shown.currency()) : null), key);
		// Until the hub has the order (moments after the payment), as booked at payment.
		FanFulfilment delivery = this.fulfilment.forFan(order.id(), order.fan())
			.orElseGet(() -> this.fulfilment.booked(order.fulfilment()));
		return OrderJson.of(order, DeliveryJson.of(delivery));
	}

	@GetMapping("/api/v1/me/orders")
	List<OrderJson> myOrders(@AuthenticationPrincipal SignedInUser user) {
		Map<UUID, FanFulfilment> fulfilments = this.fulfilment.ofFan(user.accountId());
		return this.orders.ordersOf(user.accountId())
			.stream()
			.map(order -> OrderJson.of(order,
					Optional.ofNullable(fulfilments.get(order.id())).map(DeliveryJson::of).orElse(null)))
			.toList();
	}

	record ReserveBody(@NotBlank @Size(max = ReserveRequest.MAX_SKU_LENGTH) String sku,
			@Min(1) @Max(ReserveRequest.MAX_QUANTITY) int quantity) {
	}

	record OrderBody(@NotNull @Valid Payment payment, @NotNull @Valid FulfilmentBody fulfilment,
			@Valid ShownTotal shownTotal) {
	}

	/**
	 * The total the client showed the fan: when the hold costs anything else now, nothing
	 * is charged ({@code 409 price-changed}).
	 */
	record ShownTotal(@NotNull @PositiveOrZero Long totalMinor,
			@NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {
	}

	record Payment(@NotBlank @Size(max = 40) String cardNumber) {
	}

	/**
	 * How the order reaches the fan: {@code hub} for pickup (with an optional {@code day}
	 * and {@code slot}, else the earliest with room), {@code address} and
	 * {@code postcode} (or {@code latitude}/{@code longitude}) for local delivery,
	 * {@code address} for shipping.
	 */
	record FulfilmentBody(@NotNull Fulfilment.Method method, @Size(max = 60) String hub,
			@Size(max = 500) String address, @Size(max = 12) String postcode, Double latitude, Double longitude,
			LocalDate day, LocalTime slot) {
	}

	record ReservationJson(UUID id, String sku, int quantity, List<Integer> editions, Instant expiresAt) {

		static ReservationJson of(Reservation reservation) {
			return new ReservationJson(reservation.id(), reservation.sku(), reservation.quantity(),
					reservation.editions(), reservation.expiresAt());
		}

	}

	record OrderJson(UUID id, String number, String status, String drop, String sku, List<Integer> editions,
			long totalMinor, String currency, Fulfilment.Method fulfilment, DeliveryJson delivery, Instant createdAt,
			Order.PaymentStatus paymentStatus) {

		static OrderJson of(Order order, DeliveryJson delivery) {
			return new OrderJson(order.id(), order.number(), order.status().name(), order.dropSlug(), order.sku(),
					order.editions(), order.totalMinor(), order.currency(), order.fulfilment().method(), delivery,
					order.createdAt(), order.paymentStatus());
		}

	}

	/**
	 * Where the order goes and when: the hub that hands it over or delivers it (none for
	 * shipping), the pickup or delivery day and the pickup slot; {@code null} in the list
	 * for an order without a fulfilment record (yet). The pickup code is shown on the
	 * order page only.
	 */
	record DeliveryJson(FulfilmentStatus status, String hub, String hubName, String hubAddress, LocalDate day,
			@JsonFormat(pattern = "HH:mm") LocalTime slotStarts, @JsonFormat(pattern = "HH:mm") LocalTime slotEnds,
			String trackingNumber) {

		static DeliveryJson of(FanFulfilment fulfilment) {
			return new DeliveryJson(fulfilment.status(), fulfilment.hub(), fulfilment.hubName(),
					fulfilment.hubAddress(), fulfilment.day(), fulfilment.slotStarts(), fulfilment.slotEnds(),
					fulfilment.trackingNumber());
		}

	}

}

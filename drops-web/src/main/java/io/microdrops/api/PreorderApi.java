package io.microdrops.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microdrops.checkout.Fulfilment;
import io.microdrops.drop.DropNotFoundException;
import io.microdrops.preorder.PlacePreorder;
import io.microdrops.preorder.PlacedPreorder;
import io.microdrops.preorder.Preorder;
import io.microdrops.preorder.PreorderManagement;
import io.microdrops.preorder.PreorderProgress;
import io.microdrops.preorder.PreorderStatus;
import io.microdrops.web.SignedInUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pre-orders on the API: a drop's progress toward its threshold (public), placing and
 * withdrawing a pre-order, and the caller's own pre-orders. Placing is idempotent by
 * nature, as joining a waitlist is: a fan has one open pre-order per item, so a retry
 * answers {@code 200} with the same pre-order.
 */
@RestController
class PreorderApi {

	private final PreorderManagement preorders;

	PreorderApi(PreorderManagement preorders) {
		this.preorders = preorders;
	}

	@GetMapping("/api/v1/drops/{slug}/preorders")
	ProgressJson progress(@PathVariable String slug) {
		return ProgressJson
			.of(this.preorders.progress(slug).orElseThrow(() -> new DropNotFoundException(slug + " (pre-orders)")));
	}

	@PostMapping("/api/v1/drops/{slug}/preorders")
	ResponseEntity<PreorderJson> place(@PathVariable String slug, @Valid @RequestBody PreorderBody body,
			@AuthenticationPrincipal SignedInUser user) {
		PlacedPreorder placed = this.preorders
			.place(new PlacePreorder(slug, body.sku(), body.quantity(), user.accountId(), body.payment().cardNumber(),
					new Fulfilment(body.fulfilment().method(), body.fulfilment().hub(), body.fulfilment().address())));
		return ResponseEntity.status(placed.alreadyPlaced() ? HttpStatus.OK : HttpStatus.CREATED)
			.body(PreorderJson.of(placed.preorder()));
	}

	@DeleteMapping("/api/v1/preorders/{id}")
	ResponseEntity<Void> cancel(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
		this.preorders.cancel(id, user.accountId());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/me/preorders")
	List<PreorderJson> mine(@AuthenticationPrincipal SignedInUser user) {
		return this.preorders.preordersOf(user.accountId()).stream().map(PreorderJson::of).toList();
	}

	record PreorderBody(@NotBlank @Size(max = 60) String sku, @Min(1) @Max(100) int quantity,
			@NotNull @Valid CheckoutApi.Payment payment, @NotNull @Valid CheckoutApi.FulfilmentBody fulfilment) {
	}

	record ProgressJson(int threshold, int units, Instant deadline, PreorderProgress.Stage stage) {

		static ProgressJson of(PreorderProgress progress) {
			return new ProgressJson(progress.threshold(), progress.units(), progress.deadline(), progress.stage());
		}

	}

	record PreorderJson(UUID id, String drop, String sku, int quantity, PreorderStatus status, Instant deadline,
			long estimateMinor, String currency, UUID order, String failure, Instant createdAt) {

		static PreorderJson of(Preorder preorder) {
			return new PreorderJson(preorder.id(), preorder.dropSlug(), preorder.sku(), preorder.quantity(),
					preorder.status(), preorder.deadline(), preorder.total().minor(),
					preorder.total().currency().getCurrencyCode(), preorder.orderId(), preorder.failure(),
					preorder.createdAt());
		}

	}

}

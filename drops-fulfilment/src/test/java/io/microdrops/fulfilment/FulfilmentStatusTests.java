package io.microdrops.fulfilment;

import io.microdrops.checkout.Fulfilment.Method;
import org.junit.jupiter.api.Test;

import static io.microdrops.fulfilment.FulfilmentStatus.CANCELLED;
import static io.microdrops.fulfilment.FulfilmentStatus.COLLECTED;
import static io.microdrops.fulfilment.FulfilmentStatus.DELIVERED;
import static io.microdrops.fulfilment.FulfilmentStatus.NO_SHOW;
import static io.microdrops.fulfilment.FulfilmentStatus.OUT_FOR_DELIVERY;
import static io.microdrops.fulfilment.FulfilmentStatus.PACKED;
import static io.microdrops.fulfilment.FulfilmentStatus.PENDING;
import static io.microdrops.fulfilment.FulfilmentStatus.PICKING;
import static io.microdrops.fulfilment.FulfilmentStatus.READY_FOR_PICKUP;
import static io.microdrops.fulfilment.FulfilmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

class FulfilmentStatusTests {

	@Test
	void everyOrderIsPickedThenPacked() {
		for (Method method : Method.values()) {
			assertThat(PENDING.next(method)).containsExactlyInAnyOrder(PICKING, CANCELLED);
			assertThat(PICKING.next(method)).containsExactlyInAnyOrder(PACKED, CANCELLED);
		}
	}

	@Test
	void aPackedOrderGoesTheWayOfItsMethodOnly() {
		assertThat(PACKED.next(Method.PICKUP)).containsExactlyInAnyOrder(READY_FOR_PICKUP, CANCELLED);
		assertThat(PACKED.next(Method.LOCAL_DELIVERY)).containsExactlyInAnyOrder(OUT_FOR_DELIVERY, CANCELLED);
		assertThat(PACKED.next(Method.SHIPPING)).containsExactlyInAnyOrder(SHIPPED, CANCELLED);
	}

	@Test
	void aPickupEndsCollectedOrNotCollectedAndADeliveryOrShipmentDelivered() {
		assertThat(READY_FOR_PICKUP.next(Method.PICKUP)).containsExactlyInAnyOrder(COLLECTED, CANCELLED, NO_SHOW);
		assertThat(OUT_FOR_DELIVERY.next(Method.LOCAL_DELIVERY)).containsExactlyInAnyOrder(DELIVERED, CANCELLED);
		assertThat(SHIPPED.next(Method.SHIPPING)).containsExactly(DELIVERED);
	}

	@Test
	void nothingMovesOnceTheJourneyIsOver() {
		for (Method method : Method.values()) {
			assertThat(COLLECTED.next(method)).isEmpty();
			assertThat(DELIVERED.next(method)).isEmpty();
			assertThat(NO_SHOW.next(method)).isEmpty();
			assertThat(CANCELLED.next(method)).isEmpty();
		}
		assertThat(PENDING.allows(PENDING, Method.PICKUP)).isFalse();
		assertThat(PENDING.allows(READY_FOR_PICKUP, Method.PICKUP)).isFalse();
	}

}

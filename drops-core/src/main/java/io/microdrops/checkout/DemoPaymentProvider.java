package io.microdrops.checkout;

import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The embedded default's payments: no money moves. Card rules as in a payment sandbox:
 * 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, anything else is refused
 * as not a demo card.
 */
@Component
@ConditionalOnProperty(name = "drops.payments.provider", havingValue = "demo", matchIfMissing = true)
class DemoPaymentProvider implements PaymentProvider {

	static final String SUCCEEDS = "4242424242424242";

	static final String DECLINED = "4000000000000002";

	@Override
	public PaymentResult charge(Charge charge) {
		String card = (charge.paymentMethod() != null) ? charge.paymentMethod().replaceAll("[\\s-]", "") : "";
		return switch (card) {
			case SUCCEEDS -> PaymentResult.approved("demo_" + charge.reservationId());
			case DECLINED -> PaymentResult.declined("The card was declined (demo card 4000 0000 0000 0002).");
			default -> PaymentResult.declined("Not a demo card: use 4242 4242 4242 4242. No money moves in demo mode.");
		};
	}

	/**
	 * Keeps only the demo cards: they are public test numbers, while anything else typed
	 * here could be a real card, which must never be stored.
	 */
	@Override
	public boolean canKeepForLater(String paymentMethod) {
		String card = (paymentMethod != null) ? paymentMethod.replaceAll("[\\s-]", "") : "";
		return card.equals(SUCCEEDS) || card.equals(DECLINED);
	}

	/**
	 * Fingerprints the card number itself, digits only: in demo mode every fan pays with
	 * the same public test card, so a drop whose limit spans cards lets one fan buy.
	 */
	@Override
	public Optional<String> cardFingerprint(String paymentMethod) {
		String card = (paymentMethod != null) ? paymentMethod.replaceAll("[\\s-]", "") : "";
		return card.matches("[0-9]{12,19}") ? Optional.of("demo-card:" + card) : Optional.empty();
	}

	@Override
	public void refund(String reference) {
		// Nothing moved, nothing to give back.
	}

	@Override
	public String name() {
		return "demo — no money moves";
	}

}

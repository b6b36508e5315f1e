package io.microdrops.platform;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * For admins: the work handed between the parts of Drops that is not done yet, so that a
 * refund the payment provider keeps refusing, or a fulfilment order a dead node left
 * behind, is seen rather than retried in silence.
 */
@Controller
class EventDeliveriesController {

	static final String VIEW = "admin/deliveries";

	private final EventDeliveries deliveries;

	private final EventPublicationRetries retries;

	EventDeliveriesController(EventDeliveries deliveries, EventPublicationRetries retries) {
		this.deliveries = deliveries;
		this.retries = retries;
	}

	@GetMapping("/admin/deliveries")
	String list(Model model) {
		model.addAttribute("waiting", this.deliveries.waiting());
		model.addAttribute("retrySeconds", this.retries.interval().toSeconds());
		return VIEW;
	}

}

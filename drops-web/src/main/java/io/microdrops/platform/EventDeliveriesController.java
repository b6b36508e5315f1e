package io.microdrops.platform;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
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

	private final Duration retryInterval;

	EventDeliveriesController(EventDeliveries deliveries,
			@Value("${drops.events.retry-interval:PT15S}") Duration retryInterval) {
		this.deliveries = deliveries;
		this.retryInterval = retryInterval;
	}

	@GetMapping("/admin/deliveries")
	String list(Model model) {
		model.addAttribute("waiting", this.deliveries.waiting());
		model.addAttribute("retrySeconds", this.retryInterval.toSeconds());
		return VIEW;
	}

}

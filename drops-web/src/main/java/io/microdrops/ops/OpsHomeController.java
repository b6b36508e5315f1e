package io.microdrops.ops;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class OpsHomeController {

	static final String VIEW_HOME = "ops/home/index";

	@GetMapping("/ops")
	String home() {
		return VIEW_HOME;
	}

}

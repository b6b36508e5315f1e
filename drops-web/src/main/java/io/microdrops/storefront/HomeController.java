package io.microdrops.storefront;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

	static final String VIEW_HOME = "storefront/home/index";

	@GetMapping("/")
	String home() {
		return VIEW_HOME;
	}

}

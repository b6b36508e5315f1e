package io.microdrops.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class AdminHomeController {

	static final String VIEW_HOME = "admin/home/index";

	@GetMapping("/admin")
	String home() {
		return VIEW_HOME;
	}

}

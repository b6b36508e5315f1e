package io.microdrops.storefront;

import io.microdrops.web.SignedInUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class AccountController {

	static final String VIEW_ACCOUNT = "storefront/account/index";

	@GetMapping("/account")
	String account(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("user", user);
		return VIEW_ACCOUNT;
	}

}

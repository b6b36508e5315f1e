package io.microdrops.notification;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.Contact;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One-click unsubscribe from marketing mail. Opening the link shows a page with a button,
 * so a mail scanner that follows links changes nothing; the button, or a mail client's
 * RFC 8058 one-click request, posts to the same link. That post carries no CSRF token (a
 * mail client has none): the signed token in the link is what authorises it, and all it
 * can do is stop marketing mail to one account. The result is shown directly rather than
 * after a redirect, as the visitor has no session to carry it.
 */
@Controller
class UnsubscribeController {

	static final String VIEW_CONFIRM = "storefront/unsubscribe/confirm";

	static final String VIEW_DONE = "storefront/unsubscribe/done";

	static final String VIEW_INVALID = "storefront/unsubscribe/invalid";

	private final UnsubscribeTokens tokens;

	private final AccountManagement accounts;

	UnsubscribeController(UnsubscribeTokens tokens, AccountManagement accounts) {
		this.tokens = tokens;
		this.accounts = accounts;
	}

	@GetMapping("/unsubscribe")
	String confirm(@RequestParam(name = "token", required = false) String token, Model model,
			HttpServletResponse response) {
		Optional<Contact> contact = this.tokens.verify(token).flatMap(this.accounts::contactOf);
		if (contact.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return VIEW_INVALID;
		}
		model.addAttribute("token", token);
		model.addAttribute("email", contact.get().email());
		return VIEW_CONFIRM;
	}

	@PostMapping("/unsubscribe")
	String unsubscribe(@RequestParam(name = "token", required = false) String token, Model model,
			HttpServletResponse response) {
		Optional<AccountId> account = this.tokens.verify(token);
		if (account.isEmpty() || !this.accounts.withdrawMarketingConsent(account.get())) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return VIEW_INVALID;
		}
		return VIEW_DONE;
	}

}

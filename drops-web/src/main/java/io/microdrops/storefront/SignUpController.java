package io.microdrops.storefront;

import jakarta.validation.Valid;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.EmailAlreadyRegisteredException;
import io.microdrops.account.PasswordPolicy;
import io.microdrops.account.WeakPasswordException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Fans sign up. The answer is "check your inbox" for every address, so the page tells
 * nobody which addresses have accounts: a new address gets its confirmation mail, an
 * address with an account a note to its owner.
 */
@Controller
class SignUpController {

	static final String VIEW_SIGNUP = "storefront/account/signup";

	static final String VIEW_CHECK_INBOX = "storefront/account/signup-check-inbox";

	private final AccountManagement accounts;

	SignUpController(AccountManagement accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/signup")
	String form(Model model) {
		model.addAttribute("form", SignUpForm.empty());
		return VIEW_SIGNUP;
	}

	@PostMapping("/signup")
	String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult result) {
		if (!result.hasFieldErrors("password")) {
			// Checked here too, so the person sees every problem in one go.
			PasswordPolicy.problemWith(form.password(), form.email())
				.ifPresent(problem -> result.rejectValue("password", problem));
		}
		if (result.hasErrors()) {
			return VIEW_SIGNUP;
		}
		try {
			// The same answer whether or not the address has an account: its owner gets a
			// mail instead of a second account.
			this.accounts.signUpOrTellOwner(
					new AccountManagement.SignUp(form.email(), form.displayName(), form.password(), form.consents()));
		}
		catch (EmailAlreadyRegisteredException ex) {
			// Two sign-ups for one new address at the same moment: the other one won.
		}
		catch (WeakPasswordException ex) {
			result.rejectValue("password", ex.messageKey());
			return VIEW_SIGNUP;
		}
		catch (IllegalArgumentException ex) {
			// The account module's address rule is stricter than @Email.
			result.rejectValue("email", "signup.email.invalid");
			return VIEW_SIGNUP;
		}
		return "redirect:/signup/check-inbox";
	}

	@GetMapping("/signup/check-inbox")
	String checkInbox() {
		return VIEW_CHECK_INBOX;
	}

}

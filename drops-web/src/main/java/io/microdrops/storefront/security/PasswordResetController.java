package io.microdrops.storefront.security;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import io.microdrops.account.CredentialManagement;
import io.microdrops.account.LinkNotOpenException;
import io.microdrops.account.LinkStatus;
import io.microdrops.account.WeakPasswordException;
import io.microdrops.storefront.security.AccountForms.ForgotPassword;
import io.microdrops.storefront.security.AccountForms.NewPassword;
import io.microdrops.web.AccountSessions;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Forgot password": asking for a link answers the same for every address, and a link
 * sets a new password once, within 30 minutes, then signs the account out everywhere.
 */
@Controller
class PasswordResetController {

	static final String VIEW_FORGOT = "storefront/account/forgot-password";

	static final String VIEW_SENT = "storefront/account/forgot-password-sent";

	static final String VIEW_RESET = "storefront/account/password-reset";

	private final CredentialManagement credentials;

	private final AccountSessions sessions;

	PasswordResetController(CredentialManagement credentials, AccountSessions sessions) {
		this.credentials = credentials;
		this.sessions = sessions;
	}

	@GetMapping("/forgot-password")
	String form(Model model) {
		model.addAttribute("form", ForgotPassword.empty());
		return VIEW_FORGOT;
	}

	@PostMapping("/forgot-password")
	String request(@Valid @ModelAttribute("form") ForgotPassword form, BindingResult result) {
		if (result.hasErrors()) {
			return VIEW_FORGOT;
		}
		try {
			this.credentials.requestPasswordReset(form.email());
		}
		catch (IllegalArgumentException ex) {
			// The account module's address rule is stricter than @Email.
			result.rejectValue("email", "signup.email.invalid");
			return VIEW_FORGOT;
		}
		return "redirect:/forgot-password/sent";
	}

	@GetMapping("/forgot-password/sent")
	String sent(Model model) {
		model.addAttribute("minutes", CredentialManagement.RESET_LIFETIME.toMinutes());
		return VIEW_SENT;
	}

	@GetMapping("/password-reset")
	String resetForm(@RequestParam(name = "token", required = false) String token, Model model,
			HttpServletResponse response) {
		model.addAttribute("form", NewPassword.forToken(token));
		return page(this.credentials.passwordResetStatus(token), model, response);
	}

	@PostMapping("/password-reset")
	String reset(@Valid @ModelAttribute("form") NewPassword form, BindingResult result, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		LinkStatus status = this.credentials.passwordResetStatus(form.token());
		if (status != LinkStatus.OPEN || result.hasErrors()) {
			return page(status, model, response);
		}
		try {
			String email = this.credentials.resetPassword(form.token(), form.password());
			this.sessions.endAllOf(email);
		}
		catch (WeakPasswordException ex) {
			result.rejectValue("password", ex.messageKey());
			return page(status, model, response);
		}
		catch (LinkNotOpenException ex) {
			return page(ex.status(), model, response);
		}
		redirect.addFlashAttribute("message", "password-reset.done");
		return "redirect:/login";
	}

	private static String page(LinkStatus status, Model model, HttpServletResponse response) {
		response.setStatus(switch (status) {
			case OPEN -> HttpStatus.OK.value();
			case USED, EXPIRED -> HttpStatus.GONE.value();
			case UNKNOWN -> HttpStatus.NOT_FOUND.value();
		});
		model.addAttribute("status", status.name());
		model.addAttribute("minutes", CredentialManagement.RESET_LIFETIME.toMinutes());
		return VIEW_RESET;
	}

}

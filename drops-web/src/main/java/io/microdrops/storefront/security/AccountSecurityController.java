package io.microdrops.storefront.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import io.microdrops.account.CredentialManagement;
import io.microdrops.account.CredentialManagement.EmailChanged;
import io.microdrops.account.CredentialManagement.PendingEmailChange;
import io.microdrops.account.EmailAlreadyRegisteredException;
import io.microdrops.account.LinkNotOpenException;
import io.microdrops.account.WeakPasswordException;
import io.microdrops.account.WrongPasswordException;
import io.microdrops.storefront.security.AccountForms.ChangeEmail;
import io.microdrops.storefront.security.AccountForms.ChangePassword;
import io.microdrops.web.AccountSessions;
import io.microdrops.web.SignedInUser;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changing one's password (the current one is needed; other sessions end), moving to a
 * new address (it counts once the link mailed there is followed; then every session ends
 * and the old address is told), and signing out everywhere.
 */
@Controller
class AccountSecurityController {

	static final String VIEW_PASSWORD = "storefront/account/change-password";

	static final String VIEW_EMAIL = "storefront/account/change-email";

	static final String VIEW_EMAIL_CHANGE = "storefront/account/email-change";

	private final CredentialManagement credentials;

	private final EmailChanges emailChanges;

	private final AccountSessions sessions;

	AccountSecurityController(CredentialManagement credentials, EmailChanges emailChanges, AccountSessions sessions) {
		this.credentials = credentials;
		this.emailChanges = emailChanges;
		this.sessions = sessions;
	}

	@GetMapping("/account/password")
	String passwordForm(Model model) {
		model.addAttribute("form", ChangePassword.empty());
		return VIEW_PASSWORD;
	}

	@PostMapping("/account/password")
	String changePassword(@Valid @ModelAttribute("form") ChangePassword form, BindingResult result,
			@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return VIEW_PASSWORD;
		}
		try {
			this.credentials.changePassword(user.accountId(), form.currentPassword(), form.newPassword());
		}
		catch (WrongPasswordException ex) {
			result.rejectValue("currentPassword", "account.password.current.wrong");
			return VIEW_PASSWORD;
		}
		catch (WeakPasswordException ex) {
			result.rejectValue("newPassword", ex.messageKey());
			return VIEW_PASSWORD;
		}
		HttpSession session = request.getSession(false);
		this.sessions.endAllOfExcept(user.getUsername(), (session != null) ? session.getId() : null);
		redirect.addFlashAttribute("message", "account.password.changed");
		return "redirect:/account";
	}

	@GetMapping("/account/email")
	String emailForm(Model model) {
		model.addAttribute("form", ChangeEmail.empty());
		return VIEW_EMAIL;
	}

	@PostMapping("/account/email")
	String changeEmail(@Valid @ModelAttribute("form") ChangeEmail form, BindingResult result,
			@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return VIEW_EMAIL;
		}
		try {
			this.emailChanges.request(user.accountId(), form.currentPassword(), form.newEmail());
		}
		catch (WrongPasswordException ex) {
			result.rejectValue("currentPassword", "account.password.current.wrong");
			return VIEW_EMAIL;
		}
		catch (IllegalArgumentException ex) {
			result.rejectValue("newEmail", "account.email.change.invalid");
			return VIEW_EMAIL;
		}
		// The same answer whether or not the new address has an account.
		redirect.addFlashAttribute("message", "account.email.change.sent");
		return "redirect:/account";
	}

	@GetMapping("/email-change")
	String showChange(@RequestParam(name = "token", required = false) String token, Model model,
			HttpServletResponse response) {
		PendingEmailChange change = this.credentials.findEmailChange(token);
		model.addAttribute("token", token);
		model.addAttribute("newEmail", change.newEmail());
		return page(change.status().name(), model, response);
	}

	@PostMapping("/email-change")
	String confirmChange(@RequestParam(name = "token", required = false) String token, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		EmailChanged changed;
		try {
			changed = this.emailChanges.confirm(token);
		}
		catch (LinkNotOpenException ex) {
			return page(ex.status().name(), model, response);
		}
		catch (EmailAlreadyRegisteredException ex) {
			return page("TAKEN", model, response);
		}
		// Sessions are indexed by the old address and hold it: all of them end.
		if (authentication != null && authentication.getName().equals(changed.oldEmail())) {
			new SecurityContextLogoutHandler().logout(request, response, authentication);
		}
		this.sessions.endAllOf(changed.oldEmail());
		model.addAttribute("newEmail", changed.newEmail());
		return page("DONE", model, response);
	}

	@PostMapping("/account/sign-out-everywhere")
	String signOutEverywhere(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		this.sessions.endAllOf(authentication.getName());
		redirect.addFlashAttribute("message", "account.signed-out-everywhere");
		return "redirect:/login";
	}

	private static String page(String outcome, Model model, HttpServletResponse response) {
		response.setStatus(switch (outcome) {
			case "OPEN", "DONE" -> HttpStatus.OK.value();
			case "USED", "EXPIRED", "TAKEN" -> HttpStatus.GONE.value();
			default -> HttpStatus.NOT_FOUND.value();
		});
		model.addAttribute("outcome", outcome);
		return VIEW_EMAIL_CHANGE;
	}

}

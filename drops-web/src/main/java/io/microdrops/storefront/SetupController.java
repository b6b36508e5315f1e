package io.microdrops.storefront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import io.microdrops.account.EmailAlreadyRegisteredException;
import io.microdrops.account.InvitationNotOpenException;
import io.microdrops.account.PasswordPolicy;
import io.microdrops.account.StaffManagement;
import io.microdrops.account.WeakPasswordException;
import io.microdrops.web.SessionSignIn;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one-time setup page of a production first run: the holder of the token printed in
 * the start-up log creates the first admin. Any other visit, and every visit once an
 * admin exists, is answered 404.
 */
@Controller
class SetupController {

	static final String VIEW_SETUP = "storefront/staff/setup";

	private final StaffManagement staff;

	private final SessionSignIn sessionSignIn;

	SetupController(StaffManagement staff, SessionSignIn sessionSignIn) {
		this.staff = staff;
		this.sessionSignIn = sessionSignIn;
	}

	@GetMapping("/setup")
	String form(@RequestParam(name = "token", required = false) String token, Model model) {
		requireOpen(token);
		model.addAttribute("form", SetupForm.withToken(token));
		return VIEW_SETUP;
	}

	@PostMapping("/setup")
	String create(@Valid @ModelAttribute("form") SetupForm form, BindingResult result, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		requireOpen(form.token());
		if (!result.hasFieldErrors("password")) {
			PasswordPolicy.problemWith(form.password(), form.email())
				.ifPresent(problem -> result.rejectValue("password", problem));
		}
		if (result.hasErrors()) {
			return VIEW_SETUP;
		}
		try {
			this.staff.completeSetup(form.token(), form.email(), form.displayName(), form.password());
		}
		catch (InvitationNotOpenException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		catch (EmailAlreadyRegisteredException ex) {
			result.rejectValue("email", "setup.email.taken");
			return VIEW_SETUP;
		}
		catch (WeakPasswordException ex) {
			result.rejectValue("password", ex.messageKey());
			return VIEW_SETUP;
		}
		catch (IllegalArgumentException ex) {
			// The account module's address rule is stricter than @Email.
			result.rejectValue("email", "signup.email.invalid");
			return VIEW_SETUP;
		}
		this.sessionSignIn.signIn(form.email(), request, response);
		redirect.addFlashAttribute("message", "setup.done");
		return "redirect:/admin/staff";
	}

	private void requireOpen(String token) {
		if (!this.staff.isSetupOpen(token)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

}

package io.microdrops.storefront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import io.microdrops.account.AccountManagement;
import io.microdrops.account.EmailAlreadyRegisteredException;
import io.microdrops.account.PasswordPolicy;
import io.microdrops.account.WeakPasswordException;
import io.microdrops.web.SessionSignIn;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class SignUpController {

	static final String VIEW_SIGNUP = "storefront/account/signup";

	private final AccountManagement accounts;

	private final SessionSignIn sessionSignIn;

	SignUpController(AccountManagement accounts, SessionSignIn sessionSignIn) {
		this.accounts = accounts;
		this.sessionSignIn = sessionSignIn;
	}

	@GetMapping("/signup")
	String form(Model model) {
		model.addAttribute("form", SignUpForm.empty());
		return VIEW_SIGNUP;
	}

	@PostMapping("/signup")
	String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult result, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (!result.hasFieldErrors("password")) {
			// Checked here too, so the person sees every problem in one go.
			PasswordPolicy.problemWith(form.password(), form.email())
				.ifPresent(problem -> result.rejectValue("password", problem));
		}
		if (result.hasErrors()) {
			return VIEW_SIGNUP;
		}
		try {
			this.accounts.signUpFan(
					new AccountManagement.SignUp(form.email(), form.displayName(), form.password(), form.consents()));
		}
		catch (EmailAlreadyRegisteredException ex) {
			result.rejectValue("email", "signup.email.taken");
			return VIEW_SIGNUP;
		}
		catch (WeakPasswordException ex) {
			result.rejectValue("password", ex.messageKey());
			return VIEW_SIGNUP;
		}
		this.sessionSignIn.signIn(form.email(), request, response);
		redirect.addFlashAttribute("message", "signup.welcome.confirm");
		return "redirect:/account";
	}

}

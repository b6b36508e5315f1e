package io.microdrops.storefront.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.microdrops.account.AccountDeletedException;
import io.microdrops.account.AccountDeletion;
import io.microdrops.account.LastAdminException;
import io.microdrops.account.SecondFactorRefusedException;
import io.microdrops.account.WrongPasswordException;
import io.microdrops.web.AccountSessions;
import io.microdrops.web.SignedInUser;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Deleting one's own account from {@code /account/delete}: the page says what goes and
 * what stays, asks for the password again (and a code when the account has two-factor
 * sign-in) and for a tick that the person understands it cannot be undone. Afterwards
 * every session of the account ends and the person lands on the sign-in page, told it is
 * done.
 */
@Controller
class AccountDeletionController {

	static final String VIEW_DELETE = "storefront/account/delete";

	private final AccountDeletion deletion;

	private final AccountSessions sessions;

	AccountDeletionController(AccountDeletion deletion, AccountSessions sessions) {
		this.deletion = deletion;
		this.sessions = sessions;
	}

	@GetMapping("/account/delete")
	String form(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("form", DeleteAccount.empty());
		return page(user, model);
	}

	@PostMapping("/account/delete")
	String delete(@Valid @ModelAttribute("form") DeleteAccount form, BindingResult result,
			@AuthenticationPrincipal SignedInUser user, Authentication authentication, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return page(user, model);
		}
		try {
			this.deletion.delete(user.accountId(), form.currentPassword(), form.code());
		}
		catch (WrongPasswordException ex) {
			result.rejectValue("currentPassword", "account.password.current.wrong");
			return page(user, model);
		}
		catch (SecondFactorRefusedException ex) {
			result.rejectValue("code", "accountdata.delete.code.wrong");
			return page(user, model);
		}
		catch (LastAdminException ex) {
			result.reject("accountdata.delete.last-admin");
			return page(user, model);
		}
		catch (AccountDeletedException ex) {
			// A second click after the first one deleted it: the same end.
		}
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		this.sessions.endAllOf(user.getUsername());
		redirect.addFlashAttribute("message", "accountdata.deleted");
		return "redirect:/login";
	}

	private String page(SignedInUser user, Model model) {
		model.addAttribute("needsCode", this.deletion.needsSecondFactor(user.accountId()));
		return VIEW_DELETE;
	}

	/**
	 * The deletion form, as typed.
	 *
	 * @param currentPassword the password, typed again
	 * @param code a code from the authenticator app or a recovery code, when the account
	 * has two-factor sign-in
	 * @param understood the tick that the person knows it cannot be undone
	 */
	record DeleteAccount(@NotBlank(message = "{account.password.current.required}") String currentPassword,
			@Size(max = 40, message = "{accountdata.delete.code.wrong}") String code,
			@NotNull(message = "{accountdata.delete.understood.required}") @AssertTrue(
					message = "{accountdata.delete.understood.required}") Boolean understood) {

		static DeleteAccount empty() {
			return new DeleteAccount("", "", Boolean.FALSE);
		}

	}

}

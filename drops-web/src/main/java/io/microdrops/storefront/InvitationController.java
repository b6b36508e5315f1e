package io.microdrops.storefront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import io.microdrops.account.EmailAlreadyRegisteredException;
import io.microdrops.account.InvitationNotOpenException;
import io.microdrops.account.InvitationStatus;
import io.microdrops.account.PasswordPolicy;
import io.microdrops.account.StaffManagement;
import io.microdrops.account.StaffManagement.Invitation;
import io.microdrops.account.WeakPasswordException;
import io.microdrops.web.SessionSignIn;
import io.microdrops.web.SignedInUser;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Accepting a staff invitation. Someone without an account chooses a name and password
 * and is signed in. An address that has an account already must prove it by signing in
 * first; then the link grants the invited roles to that account.
 */
@Controller
class InvitationController {

	static final String VIEW_INVITATION = "storefront/staff/invitation";

	private final StaffManagement staff;

	private final SessionSignIn sessionSignIn;

	InvitationController(StaffManagement staff, SessionSignIn sessionSignIn) {
		this.staff = staff;
		this.sessionSignIn = sessionSignIn;
	}

	@GetMapping("/invitations/{token}")
	String show(@PathVariable String token, @AuthenticationPrincipal SignedInUser user, Model model,
			HttpServletResponse response) {
		Invitation invitation = this.staff.findInvitation(token);
		model.addAttribute("form", InvitationForm.empty());
		return page(token, invitation, user, model, response);
	}

	@PostMapping("/invitations/{token}")
	String accept(@PathVariable String token, @Valid @ModelAttribute("form") InvitationForm form, BindingResult result,
			@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, HttpServletResponse response,
			Model model, RedirectAttributes redirect) {
		Invitation invitation = this.staff.findInvitation(token);
		if (invitation.status() != InvitationStatus.OPEN || invitation.accountExists()) {
			return page(token, invitation, user, model, response);
		}
		if (!result.hasFieldErrors("password")) {
			PasswordPolicy.problemWith(form.password(), invitation.email())
				.ifPresent(problem -> result.rejectValue("password", problem));
		}
		if (result.hasErrors()) {
			return page(token, invitation, user, model, response);
		}
		try {
			String email = this.staff.acceptAsNewAccount(token, form.displayName(), form.password());
			this.sessionSignIn.signIn(email, request, response);
		}
		catch (InvitationNotOpenException | EmailAlreadyRegisteredException ex) {
			return page(token, this.staff.findInvitation(token), user, model, response);
		}
		catch (WeakPasswordException ex) {
			result.rejectValue("password", ex.messageKey());
			return page(token, invitation, user, model, response);
		}
		redirect.addFlashAttribute("message", "invitation.welcome");
		return "redirect:/account";
	}

	@PostMapping("/invitations/{token}/roles")
	String acceptWithAccount(@PathVariable String token, @AuthenticationPrincipal SignedInUser user,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		Invitation invitation = this.staff.findInvitation(token);
		if (user == null || invitation.status() != InvitationStatus.OPEN
				|| !user.getUsername().equals(invitation.email())) {
			model.addAttribute("form", InvitationForm.empty());
			return page(token, invitation, user, model, response);
		}
		try {
			this.staff.acceptAsAccount(token, user.accountId());
		}
		catch (InvitationNotOpenException ex) {
			model.addAttribute("form", InvitationForm.empty());
			return page(token, this.staff.findInvitation(token), user, model, response);
		}
		// Signs in again, so the session holds the new roles.
		this.sessionSignIn.signIn(user.getUsername(), request, response);
		redirect.addFlashAttribute("message", "invitation.roles-granted");
		return "redirect:/account";
	}

	private String page(String token, Invitation invitation, SignedInUser user, Model model,
			HttpServletResponse response) {
		response.setStatus(switch (invitation.status()) {
			case OPEN -> HttpStatus.OK.value();
			case ACCEPTED, EXPIRED -> HttpStatus.GONE.value();
			case UNKNOWN -> HttpStatus.NOT_FOUND.value();
		});
		model.addAttribute("token", token);
		model.addAttribute("invitation", invitation);
		model.addAttribute("signedInAsInvitee", user != null && user.getUsername().equals(invitation.email()));
		model.addAttribute("days", this.staff.invitationLifetime().toDays());
		return VIEW_INVITATION;
	}

}

package io.microdrops.admin.staff;

import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import io.microdrops.account.AccountId;
import io.microdrops.account.AuditAction;
import io.microdrops.account.LastAdminException;
import io.microdrops.account.Role;
import io.microdrops.account.StaffManagement;
import io.microdrops.account.StaffManagement.Actor;
import io.microdrops.account.StaffManagement.StaffMember;
import io.microdrops.account.TwoFactorManagement;
import io.microdrops.web.AccountSessions;
import io.microdrops.web.RoleNames;
import io.microdrops.web.SignedInUser;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff list, invitations, role changes, deactivation and the audit log. A role
 * change or a deactivation ends the account's sessions on every node at once, so the next
 * request of that person runs with what the database says now (after signing in again,
 * with the new roles; a deactivated account cannot sign in).
 */
@Controller
class StaffController {

	static final String VIEW_LIST = "admin/staff/list";

	static final String VIEW_AUDIT = "admin/staff/audit";

	static final int AUDIT_SHOWN = 200;

	/** The audit entries whose detail lists roles. */
	private static final Set<AuditAction> ROLE_DETAILS = EnumSet.of(AuditAction.INVITED,
			AuditAction.INVITATION_ACCEPTED, AuditAction.INVITATION_WITHDRAWN, AuditAction.FIRST_ADMIN_CREATED,
			AuditAction.ROLES_CHANGED);

	private final StaffManagement staff;

	private final StaffInvitations invitations;

	private final AccountSessions sessions;

	private final TwoFactorManagement twoFactor;

	private final RoleNames roleNames;

	StaffController(StaffManagement staff, StaffInvitations invitations, AccountSessions sessions,
			TwoFactorManagement twoFactor, RoleNames roleNames) {
		this.staff = staff;
		this.invitations = invitations;
		this.sessions = sessions;
		this.twoFactor = twoFactor;
		this.roleNames = roleNames;
	}

	@GetMapping("/admin/staff")
	String list(Model model) {
		model.addAttribute("form", InviteForm.empty());
		return list(model, (InviteForm) null);
	}

	@PostMapping("/admin/staff/invitations")
	String invite(@Valid @ModelAttribute("form") InviteForm form, BindingResult result,
			@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return list(model, form);
		}
		try {
			this.invitations.inviteAndMail(actor(user, request), form.email(), EnumSet.copyOf(form.roles()));
		}
		catch (IllegalArgumentException ex) {
			// The account module's address rule is stricter than @Email, and FAN is no
			// staff role.
			result.reject("staff.invite.invalid");
			return list(model, form);
		}
		redirect.addFlashAttribute("message", "staff.invite.sent");
		return "redirect:/admin/staff";
	}

	@PostMapping("/admin/staff/invitations/withdraw")
	String withdraw(@RequestParam(defaultValue = "") String email, @AuthenticationPrincipal SignedInUser user,
			HttpServletRequest request, RedirectAttributes redirect) {
		boolean withdrawn = this.staff.withdrawInvitation(actor(user, request), email);
		redirect.addFlashAttribute("message", withdrawn ? "staff.invite.withdrawn" : "staff.invite.not-pending");
		return "redirect:/admin/staff";
	}

	@PostMapping("/admin/staff/{id}/roles")
	String changeRoles(@PathVariable UUID id, @RequestParam(name = "roles", required = false) List<Role> roles,
			@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, RedirectAttributes redirect) {
		EnumSet<Role> chosen = (roles == null || roles.isEmpty()) ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
		try {
			StaffMember member = this.staff.changeRoles(actor(user, request), new AccountId(id), chosen);
			this.sessions.endAllOf(member.email());
			redirect.addFlashAttribute("message", "staff.roles.changed");
		}
		catch (LastAdminException ex) {
			redirect.addFlashAttribute("message", "staff.last-admin");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("message", "staff.roles.none");
		}
		return "redirect:/admin/staff";
	}

	@PostMapping("/admin/staff/{id}/deactivate")
	String deactivate(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, HttpServletRequest request,
			RedirectAttributes redirect) {
		try {
			StaffMember member = this.staff.deactivate(actor(user, request), new AccountId(id));
			this.sessions.endAllOf(member.email());
			redirect.addFlashAttribute("message", "staff.deactivated");
		}
		catch (LastAdminException ex) {
			redirect.addFlashAttribute("message", "staff.last-admin");
		}
		return "redirect:/admin/staff";
	}

	@PostMapping("/admin/staff/{id}/reactivate")
	String reactivate(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.staff.reactivate(actor(user, request), new AccountId(id));
		redirect.addFlashAttribute("message", "staff.reactivated");
		return "redirect:/admin/staff";
	}

	@PostMapping("/admin/staff/two-factor")
	String requireTwoFactor(@RequestParam(name = "required", defaultValue = "false") boolean required,
			@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, RedirectAttributes redirect) {
		this.twoFactor.requireForStaff(actor(user, request), required);
		redirect.addFlashAttribute("message",
				required ? "staff.two-factor.now-required" : "staff.two-factor.now-optional");
		return "redirect:/admin/staff";
	}

	@GetMapping("/admin/staff/audit")
	String audit(Model model) {
		model.addAttribute("entries",
				this.staff.audit(AUDIT_SHOWN).stream().map(entry -> new AuditLine(entry, readable(entry))).toList());
		model.addAttribute("shown", AUDIT_SHOWN);
		return VIEW_AUDIT;
	}

	@ExceptionHandler(NoSuchElementException.class)
	ModelAndView unknownAccount() {
		ModelAndView page = new ModelAndView("error/404");
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}

	private String list(Model model, InviteForm form) {
		if (form != null) {
			model.addAttribute("form", form);
		}
		model.addAttribute("members", this.staff.staff());
		model.addAttribute("pending", this.staff.pendingInvitations());
		model.addAttribute("staffRoles", List.of(Role.MERCHANDISER, Role.OPS, Role.ADMIN));
		model.addAttribute("invitationDays", this.staff.invitationLifetime().toDays());
		model.addAttribute("twoFactorRequired", this.twoFactor.requiredForStaff());
		model.addAttribute("twoFactorAccounts", this.twoFactor.enrolledAccounts());
		return VIEW_LIST;
	}

	/**
	 * An audit entry's detail in words: the roles of an invitation or a role change by
	 * their names ("Fan, Merchandiser → Fan, Ops"), not as stored.
	 */
	private String readable(StaffManagement.AuditEntry entry) {
		if (entry.detail() == null || !ROLE_DETAILS.contains(entry.action())) {
			return entry.detail();
		}
		return this.roleNames.inText(entry.detail());
	}

	/**
	 * An audit entry with its detail in words.
	 *
	 * @param entry the entry
	 * @param detail its detail, readable
	 */
	record AuditLine(StaffManagement.AuditEntry entry, String detail) {
	}

	private static Actor actor(SignedInUser user, HttpServletRequest request) {
		return new Actor(user.accountId(), user.getUsername(), request.getRemoteAddr());
	}

}

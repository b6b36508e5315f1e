package io.microdrops.storefront.security;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import io.microdrops.account.Role;
import io.microdrops.account.TwoFactorManagement;
import io.microdrops.account.TwoFactorManagement.SecondFactorOutcome;
import io.microdrops.account.TwoFactorManagement.SecondStep;
import io.microdrops.account.TwoFactorRequiredException;
import io.microdrops.account.WrongPasswordException;
import io.microdrops.storefront.security.AccountForms.Code;
import io.microdrops.storefront.security.AccountForms.CurrentPassword;
import io.microdrops.web.PendingSignIn;
import io.microdrops.web.SignedInUser;
import io.microdrops.web.TwoFactorSignIn;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Two-factor sign-in: staff turn it on under {@code /account/two-factor} (QR code, a
 * first code, recovery codes shown once), and a sign-in of such an account asks for a
 * code after the password ({@code /login/code}). Staff who must use it but have not
 * enrolled do so at {@code /login/enrol} before they are signed in.
 */
@Controller
class TwoFactorController {

	static final String VIEW_SETTINGS = "storefront/account/two-factor";

	static final String VIEW_SETUP = "storefront/account/two-factor-setup";

	static final String VIEW_RECOVERY_CODES = "storefront/account/recovery-codes";

	static final String VIEW_CODE = "storefront/account/sign-in-code";

	private final TwoFactorManagement twoFactor;

	private final TwoFactorSignIn signIn;

	TwoFactorController(TwoFactorManagement twoFactor, TwoFactorSignIn signIn) {
		this.twoFactor = twoFactor;
		this.signIn = signIn;
	}

	// Signed in: settings.

	@GetMapping("/account/two-factor")
	String settings(@AuthenticationPrincipal SignedInUser user, Model model) {
		requireStaff(user);
		model.addAttribute("form", CurrentPassword.empty());
		return settingsPage(user, model);
	}

	@GetMapping("/account/two-factor/setup")
	String setup(@AuthenticationPrincipal SignedInUser user, Model model) {
		requireStaff(user);
		if (this.twoFactor.isEnabled(user.accountId())) {
			return "redirect:/account/two-factor";
		}
		model.addAttribute("form", Code.empty());
		return setupPage(user, model, "/account/two-factor/setup");
	}

	@GetMapping("/account/two-factor/qr.png")
	ResponseEntity<byte[]> qr(@AuthenticationPrincipal SignedInUser user) {
		requireStaff(user);
		return QrCodes.png(this.twoFactor.startEnrolment(user.accountId()).otpauthUri());
	}

	@PostMapping("/account/two-factor/setup")
	String completeSetup(@Valid @ModelAttribute("form") Code form, BindingResult result,
			@AuthenticationPrincipal SignedInUser user, Model model) {
		requireStaff(user);
		if (this.twoFactor.isEnabled(user.accountId())) {
			return "redirect:/account/two-factor";
		}
		Optional<List<String>> codes = result.hasErrors() ? Optional.empty()
				: this.twoFactor.completeEnrolment(user.accountId(), form.code());
		if (codes.isEmpty()) {
			if (!result.hasErrors()) {
				result.rejectValue("code", "two-factor.code.wrong");
			}
			return setupPage(user, model, "/account/two-factor/setup");
		}
		model.addAttribute("codes", codes.get());
		model.addAttribute("continueUrl", "/account/two-factor");
		model.addAttribute("justEnabled", true);
		return VIEW_RECOVERY_CODES;
	}

	@PostMapping("/account/two-factor/recovery-codes")
	String renewRecoveryCodes(@Valid @ModelAttribute("form") CurrentPassword form, BindingResult result,
			@AuthenticationPrincipal SignedInUser user, Model model) {
		requireStaff(user);
		if (result.hasErrors()) {
			return settingsPage(user, model);
		}
		try {
			model.addAttribute("codes", this.twoFactor.renewRecoveryCodes(user.accountId(), form.currentPassword()));
		}
		catch (WrongPasswordException ex) {
			result.rejectValue("currentPassword", "account.password.current.wrong");
			return settingsPage(user, model);
		}
		catch (IllegalStateException ex) {
			return "redirect:/account/two-factor";
		}
		model.addAttribute("continueUrl", "/account/two-factor");
		model.addAttribute("justEnabled", false);
		return VIEW_RECOVERY_CODES;
	}

	@PostMapping("/account/two-factor/disable")
	String disable(@Valid @ModelAttribute("form") CurrentPassword form, BindingResult result,
			@AuthenticationPrincipal SignedInUser user, Model model, RedirectAttributes redirect) {
		requireStaff(user);
		if (result.hasErrors()) {
			return settingsPage(user, model);
		}
		try {
			this.twoFactor.disable(user.accountId(), form.currentPassword());
		}
		catch (WrongPasswordException ex) {
			result.rejectValue("currentPassword", "account.password.current.wrong");
			return settingsPage(user, model);
		}
		catch (TwoFactorRequiredException ex) {
			result.reject("two-factor.required-for-staff");
			return settingsPage(user, model);
		}
		redirect.addFlashAttribute("message", "two-factor.disabled");
		return "redirect:/account/two-factor";
	}

	// Halfway through signing in: the code, or enrolment first.

	@GetMapping("/login/code")
	String codeForm(HttpServletRequest request, Model model) {
		if (pending(request, SecondStep.CODE).isEmpty()) {
			return "redirect:/login";
		}
		model.addAttribute("form", Code.empty());
		return VIEW_CODE;
	}

	@PostMapping("/login/code")
	String code(@Valid @ModelAttribute("form") Code form, BindingResult result, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		Optional<PendingSignIn> pending = pending(request, SecondStep.CODE);
		if (pending.isEmpty()) {
			return "redirect:/login";
		}
		if (result.hasErrors()) {
			return VIEW_CODE;
		}
		SecondFactorOutcome outcome = this.twoFactor.verify(pending.get().accountId(), form.code(),
				request.getRemoteAddr());
		if (!outcome.accepted()) {
			if (!this.signIn.failed(request, pending.get())) {
				redirect.addFlashAttribute("message", "two-factor.too-many");
				return "redirect:/login";
			}
			result.rejectValue("code", "two-factor.code.wrong");
			return VIEW_CODE;
		}
		String target = this.signIn.complete(pending.get(), request, response);
		if (outcome == SecondFactorOutcome.RECOVERY_CODE_ACCEPTED) {
			redirect.addFlashAttribute("message", "two-factor.recovery-code-used");
		}
		return "redirect:" + target;
	}

	@GetMapping("/login/enrol")
	String enrolForm(HttpServletRequest request, Model model) {
		Optional<PendingSignIn> pending = pending(request, SecondStep.ENROL);
		if (pending.isEmpty()) {
			return "redirect:/login";
		}
		model.addAttribute("form", Code.empty());
		return enrolPage(pending.get(), model);
	}

	@GetMapping("/login/enrol/qr.png")
	ResponseEntity<byte[]> enrolQr(HttpServletRequest request) {
		PendingSignIn pending = pending(request, SecondStep.ENROL)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return QrCodes.png(this.twoFactor.startEnrolment(pending.accountId()).otpauthUri());
	}

	@PostMapping("/login/enrol")
	String enrol(@Valid @ModelAttribute("form") Code form, BindingResult result, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		Optional<PendingSignIn> pending = pending(request, SecondStep.ENROL);
		if (pending.isEmpty()) {
			return "redirect:/login";
		}
		Optional<List<String>> codes = result.hasErrors() ? Optional.empty()
				: this.twoFactor.completeEnrolment(pending.get().accountId(), form.code());
		if (codes.isEmpty()) {
			if (!result.hasErrors()) {
				if (!this.signIn.failed(request, pending.get())) {
					redirect.addFlashAttribute("message", "two-factor.too-many");
					return "redirect:/login";
				}
				result.rejectValue("code", "two-factor.code.wrong");
			}
			return enrolPage(pending.get(), model);
		}
		model.addAttribute("codes", codes.get());
		model.addAttribute("continueUrl", this.signIn.complete(pending.get(), request, response));
		model.addAttribute("justEnabled", true);
		return VIEW_RECOVERY_CODES;
	}

	private String settingsPage(SignedInUser user, Model model) {
		boolean enabled = this.twoFactor.isEnabled(user.accountId());
		model.addAttribute("enabled", enabled);
		model.addAttribute("required", this.twoFactor.requiredForStaff());
		model.addAttribute("codesLeft", enabled ? this.twoFactor.recoveryCodesLeft(user.accountId()) : 0);
		return VIEW_SETTINGS;
	}

	private String setupPage(SignedInUser user, Model model, String action) {
		model.addAttribute("enrolment", this.twoFactor.startEnrolment(user.accountId()));
		model.addAttribute("qrUrl", "/account/two-factor/qr.png");
		model.addAttribute("action", action);
		model.addAttribute("signingIn", false);
		return VIEW_SETUP;
	}

	private String enrolPage(PendingSignIn pending, Model model) {
		model.addAttribute("enrolment", this.twoFactor.startEnrolment(pending.accountId()));
		model.addAttribute("qrUrl", "/login/enrol/qr.png");
		model.addAttribute("action", "/login/enrol");
		model.addAttribute("signingIn", true);
		return VIEW_SETUP;
	}

	private Optional<PendingSignIn> pending(HttpServletRequest request, SecondStep step) {
		return this.signIn.pending(request).filter(pending -> pending.step() == step);
	}

	private static void requireStaff(SignedInUser user) {
		if (!user.hasRole(Role.MERCHANDISER) && !user.hasRole(Role.OPS) && !user.hasRole(Role.ADMIN)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

}

package io.microdrops.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.microdrops.account.TwoFactorManagement;
import io.microdrops.account.TwoFactorManagement.SecondStep;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * After a right password: accounts with two-factor sign-in go on to the code page, staff
 * who must enrol to the enrolment page, both still signed out; everyone else lands in
 * their area.
 */
class SecondStepSuccessHandler implements AuthenticationSuccessHandler {

	private final AreaLandingSuccessHandler landing = new AreaLandingSuccessHandler();

	private final TwoFactorManagement twoFactor;

	private final TwoFactorSignIn signIn;

	SecondStepSuccessHandler(TwoFactorManagement twoFactor, TwoFactorSignIn signIn) {
		this.twoFactor = twoFactor;
		this.signIn = signIn;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		if (authentication.getPrincipal() instanceof SignedInUser user) {
			SecondStep step = this.twoFactor.secondStepFor(user.accountId());
			if (step != SecondStep.NONE) {
				this.signIn.begin(request, response, user, step);
				response.sendRedirect(
						request.getContextPath() + ((step == SecondStep.CODE) ? "/login/code" : "/login/enrol"));
				return;
			}
		}
		this.landing.onAuthenticationSuccess(request, response, authentication);
	}

}

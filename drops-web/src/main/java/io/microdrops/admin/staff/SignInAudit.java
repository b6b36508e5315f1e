package io.microdrops.admin.staff;

import io.microdrops.account.StaffManagement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Writes every password sign-in, successful or not, to the account audit log: the address
 * typed, the client's IP and why it failed. The password is never looked at.
 */
@Component
class SignInAudit {

	private static final Log logger = LogFactory.getLog(SignInAudit.class);

	private final StaffManagement staff;

	SignInAudit(StaffManagement staff) {
		this.staff = staff;
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		record(event.getAuthentication(), true, null);
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		record(event.getAuthentication(), false, event.getException().getClass().getSimpleName());
	}

	private void record(Authentication authentication, boolean success, String detail) {
		String ip = (authentication.getDetails() instanceof WebAuthenticationDetails web) ? web.getRemoteAddress()
				: null;
		try {
			this.staff.recordSignIn(authentication.getName(), ip, success, detail);
		}
		catch (RuntimeException ex) {
			// A sign-in is not refused because its audit entry could not be written.
			logger.error("Could not record a sign-in in the audit log", ex);
		}
	}

}

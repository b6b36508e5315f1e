package io.microdrops.admin.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

import io.microdrops.account.EmailAddress;
import io.microdrops.account.Role;
import io.microdrops.account.StaffManagement;
import io.microdrops.notification.MailLinks;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * A production first run: while no admin exists, either invites
 * {@code drops.bootstrap.admin-email} as ADMIN (link in the log and in the outbox) or
 * prints a one-time setup link. Never a default password. Runs after the demo accounts,
 * so in demo mode it finds their admin and does nothing.
 */
@Component
@Order(5)
class FirstRun implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(FirstRun.class);

	private static final Duration RECENT = Duration.ofMinutes(15);

	private final StaffManagement staff;

	private final StaffInvitations invitations;

	private final MailLinks links;

	private final Clock clock;

	private final String bootstrapAdminEmail;

	FirstRun(StaffManagement staff, StaffInvitations invitations, MailLinks links, Clock clock,
			@Value("${drops.bootstrap.admin-email:}") String bootstrapAdminEmail) {
		this.clock = clock;
		this.staff = staff;
		this.invitations = invitations;
		this.links = links;
		this.bootstrapAdminEmail = bootstrapAdminEmail;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.staff.adminExists()) {
			return;
		}
		if (StringUtils.hasText(this.bootstrapAdminEmail)) {
			inviteBootstrapAdmin(new EmailAddress(this.bootstrapAdminEmail).value());
		}
		else {
			printSetupLink();
		}
	}

	private void inviteBootstrapAdmin(String email) {
		Instant recent = this.clock.instant().minus(RECENT);
		boolean invitedJustNow = this.staff.pendingInvitations()
			.stream()
			.anyMatch(pending -> pending.email().equals(email) && pending.createdAt().isAfter(recent));
		if (invitedJustNow) {
			// Another node starting in the same roll-out invited them; its link stays
			// valid.
			logger.warn("\n\n  Drops has no admin yet. " + email
					+ " was invited as ADMIN minutes ago: use the link in that mail (or that node's log).\n");
			return;
		}
		String link = this.invitations.inviteAndMail(null, email, EnumSet.of(Role.ADMIN));
		logger.warn("\n\n  Drops has no admin yet. Invited " + email + " as ADMIN; the link works once, for "
				+ this.staff.invitationLifetime().toDays() + " days:\n    " + link + "\n");
	}

	private void printSetupLink() {
		this.staff.issueSetupToken()
			.ifPresentOrElse(
					token -> logger.warn("\n\n  Drops has no admin yet. Open this one-time link to create one:\n"
							+ "    " + this.links.absolute("/setup?token=" + token) + "\n"
							+ "  (or restart with DROPS_BOOTSTRAP_ADMIN_EMAIL set to invite an address by mail)\n"),
					() -> logger.warn("\n\n  Drops has no admin yet. Another node printed a one-time setup link "
							+ "in its start-up log minutes ago: use that one.\n"));
	}

}

package io.microdrops.admin.staff;

import java.util.Map;
import java.util.Set;

import io.microdrops.account.Role;
import io.microdrops.account.StaffManagement;
import io.microdrops.account.StaffManagement.Actor;
import io.microdrops.notification.MailLinks;
import io.microdrops.notification.MailOutbox;
import io.microdrops.notification.OutgoingMail;
import io.microdrops.web.RoleNames;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invites staff: the invitation and the mail carrying its link commit together, so nobody
 * is invited without a mail, and no mail goes out for a failed invitation.
 */
@Service
class StaffInvitations {

	static final String MAIL_TEMPLATE = "staff-invitation";

	private final StaffManagement staff;

	private final MailOutbox outbox;

	private final MailLinks links;

	private final RoleNames roleNames;

	StaffInvitations(StaffManagement staff, MailOutbox outbox, MailLinks links, RoleNames roleNames) {
		this.roleNames = roleNames;
		this.staff = staff;
		this.outbox = outbox;
		this.links = links;
	}

	/**
	 * Invites an address and queues the invitation mail.
	 * @param actor the admin who invites, {@code null} for the application itself
	 * @param email the address
	 * @param roles the staff roles granted
	 * @return the single-use link
	 */
	@Transactional
	String inviteAndMail(Actor actor, String email, Set<Role> roles) {
		String token = this.staff.invite(actor, email, roles);
		String link = this.links.absolute("/invitations/" + token);
		this.outbox
			.enqueue(OutgoingMail.transactional(null, email.strip().toLowerCase(java.util.Locale.ROOT), MAIL_TEMPLATE,
					Map.of("invitationUrl", link, "roles",
							this.roleNames.of(roles.stream().filter(Role::isStaff).toList()), "days",
							this.staff.invitationLifetime().toDays())));
		return link;
	}

}

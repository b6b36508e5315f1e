package io.microdrops.admin.staff;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends every session of an account, on every node: sessions live in the database and are
 * indexed by the signed-in address.
 */
@Component
class StaffSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	StaffSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	int endAllOf(String email) {
		var found = this.sessions.findByPrincipalName(email);
		found.keySet().forEach(this.sessions::deleteById);
		return found.size();
	}

}

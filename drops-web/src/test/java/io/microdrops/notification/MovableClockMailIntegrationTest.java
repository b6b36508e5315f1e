package io.microdrops.notification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import io.microdrops.account.AccountId;
import io.microdrops.account.AccountManagement;
import io.microdrops.account.Role;
import io.microdrops.testsupport.MovableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The mail tests that need time to pass (a pre-order deadline, a drop's opening): the
 * mail context with a clock the tests move. One context for all of them.
 */
@Import(MovableClockMailIntegrationTest.Setup.class)
abstract class MovableClockMailIntegrationTest extends MailIntegrationTest {

	@Autowired
	MovableClock clock;

	/** A fan whose address is confirmed and who did not ask for drop news. */
	AccountId confirmedFan(String email) {
		this.accounts.createIfAbsent(email, "Fan", "pre-order mail password", Set.of(Role.FAN));
		return this.accounts.findCredentials(email).orElseThrow().id();
	}

	/** A fan who asked for drop news, with their address confirmed (or not). */
	AccountId newsFan(String email, boolean confirmed) {
		AccountId fan = this.accounts
			.signUpFan(new AccountManagement.SignUp(email, "News Fan", "drop news password please", true));
		if (confirmed) {
			this.accounts.confirmEmail(this.accounts.issueEmailConfirmation(fan).orElseThrow());
		}
		return fan;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Setup {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		}

	}

}

package io.microdrops.notification;

import io.microdrops.account.AccountId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnsubscribeTokensTests {

	private final UnsubscribeTokens tokens = new UnsubscribeTokens(null, "a configured secret for tests only");

	@Test
	void readsTheAccountBackFromItsOwnToken() {
		AccountId account = AccountId.random();

		assertThat(this.tokens.verify(this.tokens.tokenFor(account))).contains(account);
	}

	@Test
	void refusesATokenSignedWithAnotherKey() {
		AccountId account = AccountId.random();
		String foreign = new UnsubscribeTokens(null, "another secret entirely").tokenFor(account);

		assertThat(this.tokens.verify(foreign)).isEmpty();
	}

	@Test
	void refusesMalformedTokens() {
		assertThat(this.tokens.verify(null)).isEmpty();
		assertThat(this.tokens.verify("")).isEmpty();
		assertThat(this.tokens.verify("not base64 at all!")).isEmpty();
		assertThat(this.tokens.verify("c2hvcnQ")).isEmpty();
	}

}
